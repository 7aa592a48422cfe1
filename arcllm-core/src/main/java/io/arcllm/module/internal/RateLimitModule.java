package io.arcllm.module.internal;

import io.arcllm.module.BaseModule;
import java.util.Objects;

import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.LlmStreamEvent;
import io.arcllm.internal.CallDeadline;
import io.arcllm.ratelimit.internal.RateLimiter;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Rate limiting for one provider: each attempt passing through is admitted by the provider's shared
 * {@link RateLimiter} before it reaches the adapter (a retry takes capacity again). Sits directly above the
 * adapter. A call that cannot be admitted within {@code max-wait} fails with
 * {@link io.arcllm.ArcLlmRateLimitException} and nothing is sent.
 */
public final class RateLimitModule extends BaseModule {

    private final RateLimiter limiter;
    private final int defaultMaxTokens;
    private final @Nullable Scheduler scheduler;

    /**
     * @param limiter the provider's limiter, shared with every other stack calling this provider
     * @param defaultMaxTokens the output tokens reserved when a request sets no {@code maxTokens}: the adapter's
     *     default for the model (the catalog's max output tokens)
     * @throws IllegalArgumentException if {@code defaultMaxTokens < 1}
     */
    public RateLimitModule(LlmProvider inner, RateLimiter limiter, int defaultMaxTokens) {
        this(inner, limiter, defaultMaxTokens, null);
    }

    /**
     * As {@link #RateLimitModule(LlmProvider, RateLimiter, int)}, timing the deadline a request's own
     * {@link LlmRequest#timeout()} starts here (when nothing above started one, as in a stack without retry or
     * fallback) on {@code scheduler}, so the wait for admission counts against it.
     *
     * @param scheduler whose clock and timer such a deadline follows; null for Reactor's parallel scheduler
     */
    public RateLimitModule(LlmProvider inner, RateLimiter limiter, int defaultMaxTokens, @Nullable Scheduler scheduler) {
        super(inner);
        this.scheduler = scheduler;
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        if (defaultMaxTokens < 1) {
            throw new IllegalArgumentException("defaultMaxTokens must be >= 1, was " + defaultMaxTokens);
        }
        this.defaultMaxTokens = defaultMaxTokens;
    }

    /** Admits the attempt, then sends it; reconciles the token reservations with the reported usage. */
    @Override
    public Mono<LlmResponse> invoke(LlmRequest request) {
        Objects.requireNonNull(request, "request");
        Mono<LlmResponse> call = limiter.limit(request, defaultMaxTokens, () -> inner().invoke(request), LlmResponse::usage)
                .singleOrEmpty();
        return request.timeout() == null ? call : CallDeadline.within(call, request.timeout(), scheduler);
    }

    /**
     * Admits the stream attempt before it is sent, holds the admission for the stream's life and reconciles with the
     * last usage event; a stream that cannot be admitted in time fails with {@link io.arcllm.ArcLlmRateLimitException}
     * before any event, so retry and fallback treat it as for {@link #invoke}.
     */
    @Override
    public Flux<LlmStreamEvent> stream(LlmRequest request) {
        Objects.requireNonNull(request, "request");
        Flux<LlmStreamEvent> call = limiter.limit(request, defaultMaxTokens, () -> inner().stream(request),
                event -> event instanceof LlmStreamEvent.UsageReported reported ? reported.usage() : null);
        return request.timeout() == null ? call : CallDeadline.within(call, request.timeout(), scheduler, name());
    }

    /** The provider's limiter. */
    public RateLimiter limiter() {
        return limiter;
    }
}
