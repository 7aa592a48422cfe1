package io.arcllm.module.internal;

import io.arcllm.module.BaseModule;
import java.util.Objects;

import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.LlmStreamEvent;
import io.arcllm.ratelimit.internal.RateLimiter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Rate limiting for one provider: each attempt passing through is admitted by the provider's shared
 * {@link RateLimiter} before it reaches the adapter (a retry takes capacity again). Sits directly above the
 * adapter. A call that cannot be admitted within {@code max-wait} fails with
 * {@link io.arcllm.ArcLlmRateLimitException} and nothing is sent.
 */
public final class RateLimitModule extends BaseModule {

    private final RateLimiter limiter;
    private final int defaultMaxTokens;

    /**
     * @param limiter the provider's limiter, shared with every other stack calling this provider
     * @param defaultMaxTokens the output tokens reserved when a request sets no {@code maxTokens}: the adapter's
     *     default for the model (the catalog's max output tokens)
     * @throws IllegalArgumentException if {@code defaultMaxTokens < 1}
     */
    public RateLimitModule(LlmProvider inner, RateLimiter limiter, int defaultMaxTokens) {
        super(inner);
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
        return limiter.limit(request, defaultMaxTokens, () -> inner().invoke(request), LlmResponse::usage).singleOrEmpty();
    }

    /**
     * Admits the stream attempt before it is sent, holds the admission for the stream's life and reconciles with the
     * last usage event; a stream that cannot be admitted in time fails with {@link io.arcllm.ArcLlmRateLimitException}
     * before any event, so retry and fallback treat it as for {@link #invoke}.
     */
    @Override
    public Flux<LlmStreamEvent> stream(LlmRequest request) {
        Objects.requireNonNull(request, "request");
        return limiter.limit(request, defaultMaxTokens, () -> inner().stream(request),
                event -> event instanceof LlmStreamEvent.UsageReported reported ? reported.usage() : null);
    }

    /** The provider's limiter. */
    public RateLimiter limiter() {
        return limiter;
    }
}
