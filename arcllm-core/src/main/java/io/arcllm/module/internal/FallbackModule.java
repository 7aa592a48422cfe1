package io.arcllm.module.internal;

import io.arcllm.module.BaseModule;
import io.arcllm.module.ModuleListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.arcllm.ArcLlmCircuitOpenException;
import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.ArcLlmStreamInterruptedException;
import io.arcllm.LlmResponse;
import io.arcllm.LlmStreamEvent;
import io.arcllm.internal.CallDeadline;
import io.arcllm.internal.StreamCommit;
import io.arcllm.config.FallbackConfig;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.ContextView;

/**
 * Switches to other providers when the wrapped one fails. On an {@link Exception} from
 * {@link #inner()} that {@link FallbackConfig#on()} names (by default any) it walks {@link FallbackConfig#chain()} in order: gets each fallback on demand
 * from its loader, sends it the same request and closes it afterwards (on success,
 * failure or cancellation). The first success wins. When every fallback fails (a fallback that cannot
 * even be loaded counts as failed), the <em>primary</em> error is signalled, with the fallback errors
 * attached as {@linkplain Throwable#getSuppressed() suppressed}. An empty chain passes the error
 * through; a chain entry equal to the primary's {@link #name()} is skipped. {@link Error}s are never
 * handled.
 *
 * <p>Logs WARN when the primary fails, INFO when a fallback succeeds, WARN for each failed fallback and
 * ERROR when all failed. Tells its {@link ModuleListener} of each fallback tried, once it answered or failed.
 *
 * <p>Under a call deadline (see {@link DeadlineModule}) each fallback gets the time that remains. A request's own
 * {@link LlmRequest#timeout()} starts that deadline here when nothing above did (the rule of {@link CallDeadline}).
 */
public final class FallbackModule extends BaseModule {

    /** The module's name. */
    public static final String NAME = "fallback";

    private static final Logger log = LoggerFactory.getLogger(FallbackModule.class);

    private final FallbackConfig config;
    private final Function<String, ? extends LlmProvider> fallbacks;
    private final ModuleListener listener;
    private final @Nullable Scheduler scheduler;
    private volatile @Nullable List<String> effectiveChain;

    /**
     * @param fallbacks gives the provider to try for a chain id; what it returns is closed after that attempt
     *     (success, failure or cancellation). It may throw (an unknown id, no API key): that fallback counts as failed.
     * @param listener told of each fallback tried ({@link ModuleListener#onFallback}); its exceptions are ignored
     */
    public FallbackModule(FallbackConfig config, LlmProvider inner, Function<String, ? extends LlmProvider> fallbacks,
                          ModuleListener listener) {
        this(config, inner, fallbacks, listener, null);
    }

    /**
     * As {@link #FallbackModule(FallbackConfig, LlmProvider, Function, ModuleListener)}, timing the deadline a
     * request's own {@link LlmRequest#timeout()} starts here (when nothing above started one) on {@code scheduler}.
     *
     * @param scheduler whose clock and timer such a deadline follows; null for {@link Schedulers#parallel()}
     */
    public FallbackModule(FallbackConfig config, LlmProvider inner, Function<String, ? extends LlmProvider> fallbacks,
                          ModuleListener listener, @Nullable Scheduler scheduler) {
        super(inner);
        this.config = Objects.requireNonNull(config, "config");
        this.fallbacks = Objects.requireNonNull(fallbacks, "fallbacks");
        this.listener = ModuleListener.composite(Objects.requireNonNull(listener, "listener"));
        this.scheduler = scheduler;
    }

    /** As {@link #FallbackModule(FallbackConfig, LlmProvider, Function, ModuleListener)}, telling no listener. */
    public FallbackModule(FallbackConfig config, LlmProvider inner, Function<String, ? extends LlmProvider> fallbacks) {
        this(config, inner, fallbacks, ModuleListener.NONE);
    }

    /**
     * A fallback module loading its chain through {@code loader}, asking it to leave out the fallback module
     * (chains never nest) and, unless {@link FallbackConfig#afterRetries()}, the retry module (a retry module
     * is assumed to wrap this one, so retries do not multiply).
     */
    public FallbackModule(FallbackConfig config, LlmProvider inner, ProviderLoader loader) {
        this(config, inner, loader, config.afterRetries() ? Set.of() : Set.of(RetryModule.NAME), ModuleListener.NONE);
    }

    /** As {@link #FallbackModule(FallbackConfig, LlmProvider, ProviderLoader)}, leaving out these modules too. */
    public FallbackModule(FallbackConfig config, LlmProvider inner, ProviderLoader loader, Set<String> exclusions) {
        this(config, inner, loader, exclusions, ModuleListener.NONE);
    }

    /** As {@link #FallbackModule(FallbackConfig, LlmProvider, ProviderLoader, Set)}, telling {@code listener}. */
    public FallbackModule(FallbackConfig config, LlmProvider inner, ProviderLoader loader, Set<String> exclusions,
                          ModuleListener listener) {
        this(config, inner, loaderOf(loader, exclusions), listener);
    }

    private static Function<String, LlmProvider> loaderOf(ProviderLoader loader, Set<String> exclusions) {
        Objects.requireNonNull(loader, "loader");
        Set<String> excluded = new TreeSet<>(exclusions);
        excluded.add(NAME);
        Set<String> fixed = Set.copyOf(excluded);
        return id -> loader.load(id, fixed);
    }

    /** The settings. */
    public FallbackConfig config() {
        return config;
    }

    /** Sends the request to the primary, then down the chain while they fail; see the class description. */
    @Override
    public Mono<LlmResponse> invoke(LlmRequest request) {
        Mono<LlmResponse> call = walkOnError(request);
        return request.timeout() == null ? call : CallDeadline.within(call, request.timeout(), scheduler);
    }

    private Mono<LlmResponse> walkOnError(LlmRequest request) {
        List<String> chain = chain();
        Mono<LlmResponse> primary = Mono.defer(() -> inner().invoke(request));
        if (chain.isEmpty()) {
            return primary;
        }
        return primary.onErrorResume(error -> error instanceof Exception && config.triggeredBy(error),
                error -> Mono.deferContextual(context -> {
            if (error instanceof ArcLlmCircuitOpenException) {
                // The circuit's opening was logged once at WARN; a line per refused call would flood the log.
                log.debug("[{}] circuit open, trying fallback chain {}", name(), chain);
            } else {
                log.warn("[{}] failed, trying fallback chain {}: {}", name(), chain, error.getMessage());
            }
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
                    if (primary instanceof ArcLlmCircuitOpenException) {
                        log.debug("[{}] fallback '{}' answered", name(), id);
                    } else {
                        log.info("[{}] fallback '{}' answered", name(), id);
                    }
                    tell(primary, id, ModuleListener.Outcome.SUCCESS, null, context);
                })
                .onErrorResume(Exception.class::isInstance, failure -> {
                    log.warn("[{}] fallback '{}' failed: {}", name(), id, failure.getMessage());
                    tell(primary, id, ModuleListener.Outcome.FAILURE, failure, context);
                    failures.add(failure);
                    return walk(request, chain, index + 1, primary, failures, context);
                });
    }

    /**
     * Streams the request from the primary, then down the chain while they fail, as {@link #invoke} does, as long as
     * no event was delivered: each attempt runs under the commit rule (its events are held until its first content
     * event), so the subscriber sees one clean stream from the provider that answers. A failure after content was
     * delivered is an {@link ArcLlmStreamInterruptedException}: it ends the stream, no fallback is tried.
     */
    @Override
    public Flux<LlmStreamEvent> stream(LlmRequest request) {
        Flux<LlmStreamEvent> call = walkStreamOnError(request);
        return request.timeout() == null ? call : CallDeadline.within(call, request.timeout(), scheduler, name());
    }

    private Flux<LlmStreamEvent> walkStreamOnError(LlmRequest request) {
        List<String> chain = chain();
        Flux<LlmStreamEvent> primary = StreamCommit.guard(name(), Flux.defer(() -> inner().stream(request)));
        if (chain.isEmpty()) {
            return primary;
        }
        return primary.onErrorResume(error -> isFallbackable(error) && config.triggeredBy(error),
                error -> Flux.deferContextual(context -> {
            log.warn("[{}] failed, trying fallback chain {}: {}", name(), chain, error.getMessage());
            return walkStream(request, chain, 0, error, new ArrayList<>(), context);
        }));
    }

    /** The chain without the primary's own id; worked out on first use, not per call. */
    private List<String> chain() {
        List<String> chain = effectiveChain;
        if (chain == null) {
            chain = config.chain().stream().filter(id -> !id.equals(name())).toList();
            effectiveChain = chain;
        }
        return chain;
    }

    private static boolean isFallbackable(Throwable error) {
        return error instanceof Exception && !(error instanceof ArcLlmStreamInterruptedException);
    }

    private Flux<LlmStreamEvent> walkStream(LlmRequest request, List<String> chain, int index, Throwable primary,
                                            List<Throwable> failures, ContextView context) {
        if (index == chain.size()) {
            log.error("[{}] all {} fallback(s) {} failed; signalling the primary error: {}", name(), chain.size(),
                    chain, primary.getMessage());
            failures.stream().filter(failure -> failure != primary).forEach(primary::addSuppressed);
            return Flux.error(primary);
        }
        String id = chain.get(index);
        AtomicBoolean answered = new AtomicBoolean();
        return StreamCommit.guard(id, Flux.using(() -> fallbacks.apply(id), fallback -> fallback.stream(request),
                        FallbackModule::closeQuietly))
                .doOnNext(event -> {
                    if (answered.compareAndSet(false, true)) {
                        log.info("[{}] fallback '{}' answered", name(), id);
                        tell(primary, id, ModuleListener.Outcome.SUCCESS, null, context);
                    }
                })
                .onErrorResume(FallbackModule::isFallbackable, failure -> {
                    log.warn("[{}] fallback '{}' failed: {}", name(), id, failure.getMessage());
                    tell(primary, id, ModuleListener.Outcome.FAILURE, failure, context);
                    failures.add(failure);
                    return walkStream(request, chain, index + 1, primary, failures, context);
                });
    }

    private void tell(Throwable primary, String id, ModuleListener.Outcome outcome, @Nullable Throwable failure,
                      ContextView context) {
        listener.onFallback(new ModuleListener.FallbackEvent(name(), primary, id, outcome, failure, context));
    }

    private Mono<LlmResponse> tryFallback(String id, LlmRequest request) {
        return Mono.using(() -> fallbacks.apply(id), fallback -> fallback.invoke(request),
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
