package io.arcllm.ratelimit.internal;

import io.arcllm.ratelimit.RateLimitObserver;
import io.arcllm.ratelimit.RateLimitStore;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToIntBiFunction;

import io.arcllm.LlmProvider;
import io.arcllm.config.RateLimitConfig;
import io.arcllm.module.internal.RateLimitModule;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * What a {@link io.arcllm.ProviderRegistry} needs to rate-limit its providers: the shared store (Redis, or none),
 * the observer (meters), the clock, and each model's default {@code max_tokens}. Creates its {@link RateLimiters}
 * on first use only, so an application that leaves the module off loads no Bucket4j class.
 */
public final class RateLimiting {

    private final @Nullable RateLimitStore shared;
    private final RateLimitObserver observer;
    private final @Nullable Scheduler scheduler;
    private final ToIntBiFunction<String, String> defaultMaxTokens;
    private volatile @Nullable RateLimiters limiters;

    /**
     * @param shared the Redis store for {@code store: redis}, or null
     * @param scheduler where waits are timed; null for Reactor's parallel scheduler
     * @param defaultMaxTokens (provider id, model) → the {@code max_tokens} an adapter sends when a request sets none
     */
    public RateLimiting(@Nullable RateLimitStore shared, RateLimitObserver observer, @Nullable Scheduler scheduler,
                        ToIntBiFunction<String, String> defaultMaxTokens) {
        this.shared = shared;
        this.observer = Objects.requireNonNull(observer, "observer");
        this.scheduler = scheduler;
        this.defaultMaxTokens = Objects.requireNonNull(defaultMaxTokens, "defaultMaxTokens");
    }

    /** The limiters, created on first use. */
    public RateLimiters limiters() {
        RateLimiters known = limiters;
        if (known == null) {
            synchronized (this) {
                known = limiters;
                if (known == null) {
                    known = new RateLimiters(shared, scheduler != null ? scheduler : Schedulers.parallel(), observer);
                    limiters = known;
                }
            }
        }
        return known;
    }

    /** {@code inner} (an attempt to {@code providerId}) under that provider's shared limiter. */
    public LlmProvider wrap(RateLimitConfig config, LlmProvider inner, String providerId) {
        String model = inner.modelName();
        RateLimiter limiter = limiters().forProvider(providerId, model, config);
        return new RateLimitModule(inner, limiter, Math.max(1, defaultMaxTokens.applyAsInt(providerId, model)), scheduler);
    }

    /** The limiters created so far, by scope ({@code <provider>} or {@code <provider>:<model>}); creates none. */
    public Map<String, RateLimiter> created() {
        RateLimiters known = limiters;
        return known == null ? Map.of() : known.all();
    }

    /** Closes the limiters' shared store if they were created. */
    public void close() {
        RateLimiters known = limiters;
        if (known != null) {
            known.close();
        }
    }
}
