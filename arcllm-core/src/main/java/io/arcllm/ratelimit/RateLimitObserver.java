package io.arcllm.ratelimit;

import java.time.Duration;

/**
 * Hears what the rate limiter does, for meters and logs. Called on the thread that did it; implementations must
 * be fast and must not throw. Every method has a no-op default.
 */
public interface RateLimitObserver {

    /** Hears nothing. */
    RateLimitObserver NONE = new RateLimitObserver() {
    };

    /** A call was admitted after waiting {@code waited} (zero when admitted at once). */
    default void admitted(String provider, Duration waited) {
    }

    /** A call was refused with {@link io.arcllm.ArcLlmRateLimitException}. */
    default void rejected(String provider, RateLimitBudget budget) {
    }

    /** A call's token reservation was reconciled with the usage the provider reported. */
    default void reconciled(String provider, RateLimitBudget budget, long reserved, long used) {
    }

    /** The shared store failed or timed out; what followed depends on {@code on-store-failure}. */
    default void storeFailed(String provider, Throwable error) {
    }
}
