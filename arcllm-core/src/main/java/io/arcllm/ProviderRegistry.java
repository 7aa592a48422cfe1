package io.arcllm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import io.arcllm.adapter.Adapters;
import io.arcllm.config.FallbackConfig;
import io.arcllm.config.LoadOptions;
import io.arcllm.config.ModuleDefaults;
import io.arcllm.config.ModuleResolution;
import io.arcllm.config.ProviderCatalog;
import io.arcllm.config.ProviderSettings;
import io.arcllm.config.RetryConfig;
import io.arcllm.config.TelemetryConfig;
import io.arcllm.module.BaseModule;
import io.arcllm.module.FallbackModule;
import io.arcllm.module.Instrumentation;
import io.arcllm.module.JitterSource;
import io.arcllm.module.ModuleListener;
import io.arcllm.module.ProviderLoader;
import io.arcllm.module.RequestDefaultsModule;
import io.arcllm.module.RetryModule;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.scheduler.Scheduler;

/**
 * Loads providers by id: an adapter from the {@link ProviderCatalog}, wrapped in the modules that the
 * global {@link ModuleDefaults}, the provider's own override and the call's {@link LoadOptions} resolve
 * to (the 4-level rule, see {@link io.arcllm.config.ModuleOverride}). Stacking, outermost first:
 * {@code Retry(Fallback(Adapter))}, or {@code Fallback(Retry(Adapter))} when
 * {@link FallbackConfig#afterRetries()}. Either way a fallback is loaded without the fallback module and
 * without any module that already wraps the fallback module, so in one call each provider is attempted at
 * most {@code maxRetries + 1} times. Immutable and thread-safe; {@link ArcLlm} holds a default one.
 *
 * <p>Given an {@link Instrumentation} ({@link Builder#telemetry}), the registry puts the telemetry module
 * outermost on every stack whose telemetry resolves on, so there is one observation per logical call:
 * {@code Telemetry(Retry(Fallback(Adapter)))}; fallbacks are then loaded without telemetry. The modules of
 * such a stack also tell the instrumentation's {@link Instrumentation#listener()} of their retries and
 * fallbacks. {@linkplain Builder#listener Listeners} given to the builder hear every stack's events.
 */
public final class ProviderRegistry implements ProviderLoader {

    private final ProviderCatalog catalog;
    private final ModuleDefaults modules;
    private final Map<String, LoadOptions> overrides;
    private final WebClient.Builder webClientBuilder;
    private final Function<String, String> env;
    private final @Nullable Scheduler scheduler;
    private final JitterSource jitter;
    private final AdapterFactory adapterFactory;
    private final @Nullable Instrumentation instrumentation;
    private final ModuleListener listener;
    private final UnaryOperator<LlmProvider> requestDefaults;

    private ProviderRegistry(Builder builder) {
        this.catalog = builder.catalog;
        this.modules = builder.modules;
        this.overrides = Map.copyOf(builder.overrides);
        this.webClientBuilder = builder.webClientBuilder;
        this.env = builder.env;
        this.scheduler = builder.scheduler;
        this.jitter = builder.jitter;
        this.adapterFactory = builder.adapterFactory;
        this.instrumentation = builder.instrumentation;
        this.listener = ModuleListener.composite(builder.listeners);
        Integer maxTokens = builder.defaultMaxTokens;
        Double temperature = builder.defaultTemperature;
        this.requestDefaults = provider -> RequestDefaultsModule.wrap(provider, maxTokens, temperature);
        checkChains();
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
     * Loads a provider.
     *
     * @param model the model; null for the provider's default model
     * @param callOverrides module overrides for this load, applied over the provider's own override
     * @throws ArcLlmConfigException if the id is invalid or unknown, the provider has no API key, or the
     *     overrides give an invalid module config
     */
    public LlmProvider load(String providerId, @Nullable String model, LoadOptions callOverrides) {
        Objects.requireNonNull(callOverrides, "callOverrides");
        ProviderSettings settings = settings(providerId);
        ModuleResolution resolution = resolve(providerId, callOverrides);
        resolution.fallbackConfig().ifPresent(this::checkChain);
        return decorate(adapterFactory.create(settings, model, webClientBuilder, env), resolution, Set.of(),
                requestDefaults);
    }

    /**
     * Creates a provider's bare adapter, without any module: for a caller that wraps it later with
     * {@link #wrap(LlmProvider)} (the Spring post-processor does). The caller closes it.
     *
     * @param model the model; null for the provider's default model
     * @throws ArcLlmConfigException if the id is invalid or unknown, or the provider has no API key
     */
    public LlmProvider adapter(String providerId, @Nullable String model) {
        return adapterFactory.create(settings(providerId), model, webClientBuilder, env);
    }

    /**
     * Loads a provider with its default model and the modules its own configuration gives it, minus
     * {@code excludedModules}. This is how a {@link FallbackModule} loads its chain.
     */
    @Override
    public LlmProvider load(String providerId, Set<String> excludedModules) {
        ProviderSettings settings = settings(providerId);
        ModuleResolution resolution = resolve(providerId, LoadOptions.none());
        return decorate(adapterFactory.create(settings, null, webClientBuilder, env), resolution,
                Set.copyOf(excludedModules), UnaryOperator.identity());
    }

    /**
     * Wraps an existing provider (an application-defined one, for instance) in the modules resolved for
     * its {@link LlmProvider#name()}: the global settings and this registry's override for that id. Returns
     * it unchanged when it already is a module or when no module is on.
     */
    public LlmProvider wrap(LlmProvider provider) {
        return wrap(provider, requestDefaults);
    }

    /**
     * As {@link #wrap(LlmProvider)}, applying {@code around} to the retry/fallback stack before the telemetry
     * module (if any) wraps it, so telemetry stays outermost: {@code Telemetry(around(Retry(...)))}. It takes
     * the place of the registry's {@link Builder#requestDefaults request defaults}. {@code around} is applied even when no
     * module is on; a provider that already is a module is returned unchanged.
     */
    public LlmProvider wrap(LlmProvider provider, UnaryOperator<LlmProvider> around) {
        Objects.requireNonNull(around, "around");
        if (provider instanceof BaseModule) {
            return provider;
        }
        return decorate(provider, resolve(provider.name(), LoadOptions.none()), Set.of(), around);
    }

    /**
     * The modules a provider gets: global settings, then this registry's override for the id, then
     * {@code callOverrides}.
     *
     * @throws ArcLlmConfigException if an override gives an invalid module config
     */
    public ModuleResolution resolve(String providerId, LoadOptions callOverrides) {
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

    /** The global module settings. */
    public ModuleDefaults modules() {
        return modules;
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

    private LlmProvider decorate(LlmProvider adapter, ModuleResolution resolution, Set<String> excluded,
                                 UnaryOperator<LlmProvider> around) {
        TelemetryConfig telemetry = instrumentation == null ? null : resolution.telemetry();
        ModuleListener stackListener = telemetry != null
                ? ModuleListener.composite(listener, instrumentation.listener())
                : listener;
        boolean observed = telemetry != null && !excluded.contains(Instrumentation.NAME);
        LlmProvider stack = around.apply(modules(adapter, resolution, excluded, observed, stackListener));
        return observed ? instrumentation.instrument(stack, telemetry, catalog, listener) : stack;
    }

    private LlmProvider modules(LlmProvider adapter, ModuleResolution resolution, Set<String> excluded,
                                boolean observed, ModuleListener stackListener) {
        RetryConfig retry = excluded.contains(RetryModule.NAME) ? null : resolution.retry();
        FallbackConfig fallback = excluded.contains(FallbackModule.NAME) ? null : resolution.fallback();
        // Telemetry will wrap this stack: fallbacks must not bring their own, or one call makes two observations.
        Set<String> wrapping = observed ? Set.of(FallbackModule.NAME, Instrumentation.NAME) : Set.of(FallbackModule.NAME);
        LlmProvider provider = adapter;
        if (fallback != null && fallback.afterRetries()) {
            if (retry != null) {
                provider = new RetryModule(retry, provider, scheduler, jitter, stackListener);
            }
            return new FallbackModule(fallback, provider, this, wrapping, stackListener);
        }
        if (fallback != null) {
            // Retry will wrap this fallback module: fallbacks must not bring their own, or retries multiply.
            Set<String> exclusions = new TreeSet<>(wrapping);
            if (retry != null) {
                exclusions.add(RetryModule.NAME);
            }
            provider = new FallbackModule(fallback, provider, this, exclusions, stackListener);
        }
        return retry != null ? new RetryModule(retry, provider, scheduler, jitter, stackListener) : provider;
    }

    private void checkChains() {
        checkChain(modules.fallback());
        overrides.forEach((id, options) -> resolve(id, LoadOptions.none()).fallbackConfig().ifPresent(this::checkChain));
    }

    private void checkChain(FallbackConfig fallback) {
        for (String id : fallback.chain()) {
            if (catalog.find(id).isEmpty()) {
                throw new ArcLlmConfigException("fallback chain names unknown provider '" + id
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
         * Options filled into requests that leave them unset, for every provider this registry loads or
         * wraps (a {@link RequestDefaultsModule} above retry and fallback); null leaves an option unset.
         *
         * @throws ArcLlmConfigException if {@code maxTokens < 1} or {@code temperature} is negative
         */
        public Builder requestDefaults(@Nullable Integer maxTokens, @Nullable Double temperature) {
            if (maxTokens != null && maxTokens < 1) {
                throw new ArcLlmConfigException("maxTokens must be >= 1, was " + maxTokens);
            }
            if (temperature != null && !(temperature >= 0 && temperature < Double.POSITIVE_INFINITY)) {
                throw new ArcLlmConfigException("temperature must be >= 0, was " + temperature);
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
