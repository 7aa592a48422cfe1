package io.arcllm.module;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.config.FallbackConfig;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Switches to other providers when the wrapped one fails. On an {@link Exception} from
 * {@link #inner()} that {@link FallbackConfig#on()} names (by default any) it walks {@link FallbackConfig#chain()} in order: loads each fallback on demand
 * through the {@link ProviderLoader}, sends it the same request and closes it afterwards (on success,
 * failure or cancellation). The first success wins. When every fallback fails (a fallback that cannot
 * even be loaded counts as failed), the <em>primary</em> error is signalled, with the fallback errors
 * attached as {@linkplain Throwable#getSuppressed() suppressed}. An empty chain passes the error
 * through; a chain entry equal to the primary's {@link #name()} is skipped. {@link Error}s are never
 * handled.
 *
 * <p>Logs WARN when the primary fails, INFO when a fallback succeeds, WARN for each failed fallback and
 * ERROR when all failed. Tells its {@link ModuleListener} of each fallback tried, once it answered or failed.
 */
public final class FallbackModule extends BaseModule {

    /** The module's name, as {@link ProviderLoader} exclusions use it. */
    public static final String NAME = "fallback";

    private static final Logger log = LoggerFactory.getLogger(FallbackModule.class);

    private final FallbackConfig config;
    private final ProviderLoader loader;
    private final Set<String> fallbackExclusions;
    private final ModuleListener listener;

    /**
     * A fallback module whose fallbacks are loaded without fallback (no nested chains) and, unless
     * {@link FallbackConfig#afterRetries()}, without retry (a retry module is assumed to wrap this one,
     * so retries do not multiply).
     */
    public FallbackModule(FallbackConfig config, LlmProvider inner, ProviderLoader loader) {
        this(config, inner, loader, config.afterRetries() ? Set.of(NAME) : Set.of(RetryModule.NAME, NAME));
    }

    /**
     * @param fallbackExclusions the modules left out when loading a fallback (see
     *     {@link ProviderLoader#load(String, Set)}); {@value #NAME} is always added
     */
    public FallbackModule(FallbackConfig config, LlmProvider inner, ProviderLoader loader, Set<String> fallbackExclusions) {
        this(config, inner, loader, fallbackExclusions, ModuleListener.NONE);
    }

    /**
     * @param fallbackExclusions the modules left out when loading a fallback; {@value #NAME} is always added
     * @param listener told of each fallback tried ({@link ModuleListener#onFallback}); its exceptions are ignored
     */
    public FallbackModule(FallbackConfig config, LlmProvider inner, ProviderLoader loader, Set<String> fallbackExclusions,
                          ModuleListener listener) {
        super(inner);
        this.config = Objects.requireNonNull(config, "config");
        this.loader = Objects.requireNonNull(loader, "loader");
        Set<String> exclusions = new java.util.TreeSet<>(fallbackExclusions);
        exclusions.add(NAME);
        this.fallbackExclusions = Set.copyOf(exclusions);
        this.listener = ModuleListener.composite(Objects.requireNonNull(listener, "listener"));
    }

    /** The settings. */
    public FallbackConfig config() {
        return config;
    }

    /** The modules left out when a fallback is loaded; always contains {@value #NAME}. */
    public Set<String> fallbackExclusions() {
        return fallbackExclusions;
    }

    /** Sends the request to the primary, then down the chain while they fail; see the class description. */
    @Override
    public Mono<LlmResponse> invoke(LlmRequest request) {
        List<String> chain = config.chain().stream().filter(id -> !id.equals(name())).toList();
        Mono<LlmResponse> primary = Mono.defer(() -> inner().invoke(request));
        if (chain.isEmpty()) {
            return primary;
        }
        return primary.onErrorResume(error -> error instanceof Exception && config.triggeredBy(error),
                error -> Mono.deferContextual(context -> {
            log.warn("[{}] failed, trying fallback chain {}: {}", name(), chain, error.getMessage());
            return walk(request, chain, 0, error, new ArrayList<>(), context);
        }));
    }

    private Mono<LlmResponse> walk(LlmRequest request, List<String> chain, int index, Throwable primary,
                                   List<Throwable> failures, ContextView context) {
        if (index == chain.size()) {
            log.error("[{}] all {} fallback(s) {} failed; signalling the primary error: {}", name(), chain.size(),
                    chain, primary.getMessage());
            failures.stream().filter(failure -> failure != primary).forEach(primary::addSuppressed);
            return Mono.error(primary);
        }
        String id = chain.get(index);
        return tryFallback(id, request)
                .doOnNext(response -> {
                    log.info("[{}] fallback '{}' answered", name(), id);
                    tell(primary, id, ModuleListener.Outcome.SUCCESS, null, context);
                })
                .onErrorResume(Exception.class::isInstance, failure -> {
                    log.warn("[{}] fallback '{}' failed: {}", name(), id, failure.getMessage());
                    tell(primary, id, ModuleListener.Outcome.FAILURE, failure, context);
                    failures.add(failure);
                    return walk(request, chain, index + 1, primary, failures, context);
                });
    }

    private void tell(Throwable primary, String id, ModuleListener.Outcome outcome, @Nullable Throwable failure,
                      ContextView context) {
        listener.onFallback(new ModuleListener.FallbackEvent(name(), primary, id, outcome, failure, context));
    }

    private Mono<LlmResponse> tryFallback(String id, LlmRequest request) {
        return Mono.using(() -> loader.load(id, fallbackExclusions), fallback -> fallback.invoke(request),
                FallbackModule::closeQuietly);
    }

    private static void closeQuietly(LlmProvider provider) {
        try {
            provider.close();
        } catch (RuntimeException e) {
            log.debug("closing fallback '{}' failed", provider.name(), e);
        }
    }
}
