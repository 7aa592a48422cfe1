package io.arcllm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

import io.arcllm.adapter.Adapters;
import io.arcllm.config.FallbackConfig;
import io.arcllm.config.LoadOptions;
import io.arcllm.config.ModuleDefaults;
import io.arcllm.config.ModuleResolution;
import io.arcllm.config.ProviderCatalog;
import io.arcllm.config.ProviderSettings;
import io.arcllm.module.BaseModule;
import io.arcllm.module.Instrumentation;
import io.arcllm.module.JitterSource;
import io.arcllm.module.ModuleListener;
import io.arcllm.module.ProviderCircuit;
import io.arcllm.module.internal.RequestDefaultsModule;
import io.arcllm.ratelimit.RateLimitObserver;
import io.arcllm.ratelimit.RateLimitStore;
import io.arcllm.ratelimit.internal.RateLimiter;
import io.arcllm.ratelimit.internal.RateLimiting;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.scheduler.Scheduler;

/**
 * The providers of an application, by id. For each id of the {@link ProviderCatalog} it holds, created
 * once: the provider's settings, the module settings its own configuration resolves to (global
 * {@link ModuleDefaults} and its override, see {@link ModuleResolution}), the state its modules share,
 * and one long-lived adapter (one connection pool) per model, created on first use. Every provider it
 * hands out ({@link #load}, {@link #adapter}, the fallbacks of every stack) is a stack of modules over a
 * <em>handle</em> on that adapter: closing it releases only the handle. {@link #close()} closes every
 * adapter, once. The stacking order, outermost first, is Telemetry → RequestDefaults → Deadline → Retry →
 * Fallback → CircuitBreaker → RateLimit → adapter (each only when on), with Fallback above Retry when
 * {@link io.arcllm.config.FallbackConfig#afterRetries()}; the circuit breaker and rate limit also guard each
 * fallback, with that provider's own settings. In one call no provider is attempted more than
 * {@code maxRetries + 1} times. Thread-safe; {@link ArcLlm} holds a default one. Invalid configuration fails
 * with {@link ArcLlmConfigException} when the registry is built, naming the setting.
 */
public final class ProviderRegistry implements AutoCloseable {

    private final ProviderCatalog catalog;
    private final ModuleDefaults modules;
    private final Map<String, LoadOptions> overrides;
    private final ModuleResolution globalModules;
    private final ConcurrentMap<String, ProviderSlot> slots = new ConcurrentHashMap<>();
    private final ProviderSlot.Creator creator;
    private final StackBuilder stacks;
    private final RateLimiting rateLimiting;

    private ProviderRegistry(Builder builder) {
        this.catalog = builder.catalog;
        ProviderCatalog models = builder.catalog;
        this.rateLimiting = new RateLimiting(builder.rateLimitStore, builder.rateLimitObserver, builder.scheduler,
                (id, model) -> models.find(id).map(settings -> settings.maxTokensFor(model)).orElse(ProviderSettings.DEFAULT_MAX_TOKENS));
        this.modules = builder.modules;
        this.overrides = Map.copyOf(builder.overrides);
        this.creator = ProviderSlot.Creator.of(builder.adapterFactory, builder.webClientBuilder, builder.env);
        this.globalModules = ModuleResolution.resolve(modules);
        checkChain(modules.fallback());
        for (String id : catalog.ids()) {
            slots.put(id, newSlot(id));
        }
        overrides.keySet().forEach(this::slot);
        this.stacks = new StackBuilder(this::knownSlot, catalog, builder.instrumentation,
                ModuleListener.composite(builder.listeners), builder.scheduler, builder.jitter,
                builder.defaultMaxTokens, builder.defaultTemperature, builder.defaultTimeout, Map.copyOf(builder.timeouts));
    }

    /** A builder over {@link ProviderCatalog#builtIn()}, modules off, keys from {@code System::getenv}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Loads a provider with its default model and the modules its configuration resolves to.
     *
     * @throws ArcLlmConfigException if the id is invalid or unknown (the message lists the known ids),
     *     or the provider has no API key
     */
    public LlmProvider load(String providerId) {
        return load(providerId, null, LoadOptions.none());
    }

    /**
     * Loads a provider: its stack over a handle on its long-lived adapter. Closing the result releases the
     * handle; the adapter stays open until this registry is closed.
     *
     * @param model the model; null for the provider's default model
     * @param callOverrides module overrides for this load, applied over the provider's own override
     * @throws ArcLlmConfigException if the id is invalid or unknown, the provider has no API key, or the
     *     overrides give an invalid module config or a fallback chain naming an unknown provider
     */
    public LlmProvider load(String providerId, @Nullable String model, LoadOptions callOverrides) {
        Objects.requireNonNull(callOverrides, "callOverrides");
        ProviderSlot slot = knownSlot(providerId);
        ModuleResolution resolution = slot.modules();
        if (callOverrides != LoadOptions.none()) {
            resolution = resolve(providerId, callOverrides);
            checkChain(resolution);
        }
        return stacks.primary(slot, slot.handle(model), resolution);
    }

    /**
     * A handle on a provider's long-lived adapter, without any module: for a caller that wraps it later with
     * {@link #wrap(LlmProvider)} (the Spring post-processor does). Closing it releases only the handle.
     *
     * @param model the model; null for the provider's default model
     * @throws ArcLlmConfigException if the id is invalid or unknown, or the provider has no API key
     */
    public LlmProvider adapter(String providerId, @Nullable String model) {
        return knownSlot(providerId).handle(model);
    }

    /**
     * Wraps an existing provider (an application-defined one, for instance) in the modules resolved for
     * its {@link LlmProvider#name()}: the global settings and this registry's override for that id; its
     * modules share that id's state with every other stack of the id. Returns it unchanged when it already
     * is a module or when no module is on. Closing the result closes {@code provider}.
     */
    public LlmProvider wrap(LlmProvider provider) {
        if (provider instanceof BaseModule) {
            return provider;
        }
        ProviderSlot slot = slot(provider.name());
        return stacks.primary(slot, provider, slot.modules());
    }

    /**
     * The modules a load of this provider with these overrides gets: global settings, then this registry's
     * override for the id, then {@code callOverrides}.
     *
     * @throws ArcLlmConfigException if an override gives an invalid module config
     */
    ModuleResolution resolve(String providerId, LoadOptions callOverrides) {
        return ModuleResolution.resolve(modules, overrides.getOrDefault(providerId, LoadOptions.none()), callOverrides);
    }

    /** The known provider ids, sorted. */
    public Set<String> ids() {
        return catalog.ids();
    }

    /** The catalog providers are loaded from. */
    public ProviderCatalog catalog() {
        return catalog;
    }

    /**
     * The settings of a provider id.
     *
     * @throws ArcLlmConfigException if the id is invalid, or unknown (the message lists the known ids)
     */
    public ProviderSettings settings(String providerId) {
        ProviderSettings.validateId(providerId);
        return catalog.find(providerId).orElseThrow(() -> new ArcLlmConfigException(
                "unknown provider '" + providerId + "'; known providers: " + String.join(", ", catalog.ids())));
    }

    /**
     * The rate limiters in use, by scope ({@code <provider>}, or {@code <provider>:<model>} with {@code per-model}):
     * one per provider whose stacks have the rate-limit module, shared by all of them. Empty while none is in use.
     * The limiter is an internal type ({@code io.arcllm.ratelimit.internal}), exposed for ArcLLM's Spring Boot
     * health indicator: not supported API.
     */
    public Map<String, RateLimiter> rateLimiters() {
        return rateLimiting.created();
    }

    /**
     * The circuit breakers in use, by provider id (sorted): one per provider whose stacks have the circuit breaker
     * module (from when the first such stack is built), shared by all of them. Empty while none is in use.
     */
    public Map<String, ProviderCircuit> circuits() {
        Map<String, ProviderCircuit> circuits = new TreeMap<>();
        slots.forEach((id, slot) -> slot.state().find(ProviderCircuit.class).ifPresent(circuit -> circuits.put(id, circuit)));
        return Collections.unmodifiableMap(circuits);
    }

    /** Closes every provider's adapters and connection pools; providers handed out stop working. Idempotent. */
    @Override
    public void close() {
        slots.values().forEach(ProviderSlot::close);
        rateLimiting.close();
    }

    private ProviderSlot knownSlot(String providerId) {
        settings(providerId);
        return slots.get(providerId);
    }

    private ProviderSlot slot(String providerId) {
        return slots.computeIfAbsent(providerId, this::newSlot);
    }

    private ProviderSlot newSlot(String id) {
        ModuleResolution own = overrides.containsKey(id) ? resolve(id, LoadOptions.none()) : globalModules;
        checkChain(own);
        ProviderSlot slot = new ProviderSlot(id, catalog.find(id).orElse(null), own, creator);
        slot.state().get(RateLimiting.class, () -> rateLimiting); // the rate-limit module's store, clock and meters
        return slot;
    }

    private void checkChain(ModuleResolution resolution) {
        resolution.get(FallbackConfig.KIND).ifPresent(this::checkChain);
    }

    private void checkChain(FallbackConfig fallback) {
        for (String id : fallback.chain()) {
            if (catalog.find(id).isEmpty()) {
                throw ArcLlmConfigException.of("chain", "names unknown provider '" + id
                        + "'; known providers: " + String.join(", ", catalog.ids()));
            }
        }
    }

    /** Creates the adapter for one load; {@link Adapters#create} is the default. */
    @FunctionalInterface
    public interface AdapterFactory {

        /**
         * @param model the model; null for {@link ProviderSettings#defaultModel()}
         * @param webClientBuilder the registry's builder, to clone (never mutate)
         * @param env looks up environment variables for the API key
         * @throws ArcLlmConfigException if the provider cannot be configured (no API key, for instance)
         */
        LlmProvider create(ProviderSettings settings, @Nullable String model, WebClient.Builder webClientBuilder,
                           Function<String, String> env);
    }

    /** Builds a {@link ProviderRegistry}. Not thread-safe. */
    public static final class Builder {
        private ProviderCatalog catalog = ProviderCatalog.builtIn();
        private ModuleDefaults modules = ModuleDefaults.defaults();
        private final Map<String, LoadOptions> overrides = new LinkedHashMap<>();
        private WebClient.Builder webClientBuilder = WebClient.builder();
        private Function<String, String> env = System::getenv;
        private @Nullable Scheduler scheduler;
        private JitterSource jitter = JitterSource.random();
        private AdapterFactory adapterFactory = Adapters::create;
        private @Nullable Instrumentation instrumentation;
        private final List<ModuleListener> listeners = new ArrayList<>();
        private @Nullable Integer defaultMaxTokens;
        private @Nullable Double defaultTemperature;
        private @Nullable Duration defaultTimeout;
        private final Map<String, Duration> timeouts = new LinkedHashMap<>();
        private @Nullable RateLimitStore rateLimitStore;
        private RateLimitObserver rateLimitObserver = RateLimitObserver.NONE;

        private Builder() {
        }

        /**
         * Observes calls: the instrumentation's telemetry module wraps every stack whose telemetry resolves on
         * ({@link ModuleDefaults#telemetryEnabled()} and the overrides); default none (no telemetry, and no
         * Micrometer class is loaded). {@code io.arcllm.telemetry.ArcLlmTelemetry} is the Micrometer one.
         */
        public Builder telemetry(@Nullable Instrumentation instrumentation) {
            this.instrumentation = instrumentation;
            return this;
        }

        /**
         * Adds a listener told of every retry and fallback of the stacks this registry builds, and of every
         * call their telemetry modules observe. Listeners are told in the order added.
         */
        public Builder listener(ModuleListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Gives every call of the stacks this registry builds one deadline across its retries and fallbacks
         * ({@code arcllm.defaults.timeout}; a {@link io.arcllm.module.internal.DeadlineModule} above retry and fallback):
         * retry never starts a wait past it, fallbacks get what remains, HTTP attempts cap their read timeout at
         * it, and when it passes the caller gets a deadline {@link ArcLlmTimeoutException}. A request's own
         * {@link LlmRequest#timeout()} replaces it for that call. Null (the default): no deadline module; a request's own
         * timeout still bounds its call (retry, fallback, rate limit or the adapter starts it).
         *
         * @throws ArcLlmConfigException naming {@code timeout} if it is zero or negative
         */
        public Builder defaultTimeout(@Nullable Duration timeout) {
            if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
                throw ArcLlmConfigException.of("timeout", "must be > 0, was " + timeout);
            }
            this.defaultTimeout = timeout;
            return this;
        }

        /**
         * Gives the calls of one provider's stacks (its loads, its wrapped beans) a deadline of their own in place of
         * {@link #defaultTimeout(Duration)} ({@code arcllm.providers.<id>.timeout}); a request's own
         * {@link LlmRequest#timeout()} still replaces it. The deadline belongs to the call: when this provider falls
         * back to another, the fallback gets what remains of it. Null removes the provider's own deadline.
         *
         * @throws ArcLlmConfigException naming {@code timeout} if it is zero or negative
         */
        public Builder timeout(String providerId, @Nullable Duration timeout) {
            Objects.requireNonNull(providerId, "providerId");
            if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
                throw ArcLlmConfigException.of("timeout", "must be > 0, was " + timeout);
            }
            if (timeout == null) {
                timeouts.remove(providerId);
            } else {
                timeouts.put(providerId, timeout);
            }
            return this;
        }

        /**
         * Options filled into requests that leave them unset, for every provider this registry loads or
         * wraps (a {@link RequestDefaultsModule} above retry and fallback); null leaves an option unset.
         *
         * @throws ArcLlmConfigException if {@code maxTokens < 1} or {@code temperature} is negative
         */
        public Builder requestDefaults(@Nullable Integer maxTokens, @Nullable Double temperature) {
            if (maxTokens != null && maxTokens < 1) {
                throw ArcLlmConfigException.of("max-tokens", "must be >= 1, was " + maxTokens);
            }
            if (temperature != null && !(temperature >= 0 && temperature < Double.POSITIVE_INFINITY)) {
                throw ArcLlmConfigException.of("temperature", "must be >= 0, was " + temperature);
            }
            this.defaultMaxTokens = maxTokens;
            this.defaultTemperature = temperature;
            return this;
        }

        /**
         * Creates the adapter (innermost provider) of each load; default {@link Adapters#create}. Replace it
         * to serve ids with adapters of your own, or with test doubles.
         */
        public Builder adapterFactory(AdapterFactory adapterFactory) {
            this.adapterFactory = Objects.requireNonNull(adapterFactory, "adapterFactory");
            return this;
        }

        /** The providers that can be loaded; default {@link ProviderCatalog#builtIn()}. */
        public Builder catalog(ProviderCatalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
            return this;
        }

        /** The global module settings; default {@link ModuleDefaults#defaults()} (all off). */
        public Builder modules(ModuleDefaults modules) {
            this.modules = Objects.requireNonNull(modules, "modules");
            return this;
        }

        /** The module overrides of one provider id (its own configuration); replaces an earlier one. */
        public Builder override(String providerId, LoadOptions options) {
            overrides.put(Objects.requireNonNull(providerId, "providerId"), Objects.requireNonNull(options, "options"));
            return this;
        }

        /** The builder adapters clone for their {@code WebClient}; default {@code WebClient.builder()}. */
        public Builder webClientBuilder(WebClient.Builder webClientBuilder) {
            this.webClientBuilder = Objects.requireNonNull(webClientBuilder, "webClientBuilder");
            return this;
        }

        /** Looks up environment variables for API keys; default {@code System::getenv}. */
        public Builder env(Function<String, String> env) {
            this.env = Objects.requireNonNull(env, "env");
            return this;
        }

        /** Where retry waits are timed; default (null) {@code Schedulers.parallel()}. */
        public Builder scheduler(@Nullable Scheduler scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        /**
         * The shared store of providers whose rate-limit module has {@code store: redis}, e.g. a
         * {@link io.arcllm.ratelimit.RedisRateLimitStore}; default none (such a provider fails to load).
         */
        public Builder rateLimitStore(@Nullable RateLimitStore store) {
            this.rateLimitStore = store;
            return this;
        }

        /** Hears the rate-limit module (e.g. {@code io.arcllm.telemetry.RateLimitMeters}); default none. */
        public Builder rateLimitObserver(RateLimitObserver observer) {
            this.rateLimitObserver = Objects.requireNonNull(observer, "observer");
            return this;
        }

        /** The retry backoff's randomness; default {@link JitterSource#random()}. */
        public Builder jitter(JitterSource jitter) {
            this.jitter = Objects.requireNonNull(jitter, "jitter");
            return this;
        }

        /**
         * @throws ArcLlmConfigException if a fallback chain (global or in an override) names a provider the
         *     catalog does not know, or an override's settings are invalid
         */
        public ProviderRegistry build() {
            return new ProviderRegistry(this);
        }
    }
}
