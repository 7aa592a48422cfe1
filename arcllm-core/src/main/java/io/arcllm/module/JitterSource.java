package io.arcllm.module;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The randomness of the retry backoff, injectable so tests can fix it
 * ({@link io.arcllm.ProviderRegistry.Builder#jitter(JitterSource)}). Before retry <i>n</i> the retry module
 * computes {@code backoff = backoffBase·2ⁿ} in seconds and calls {@code uniform(0, backoff)}; the result, in
 * seconds, is added to the backoff and the sum capped at {@code maxWait}. So {@code (min, max) -> 0} gives
 * the bare exponential waits 1, 2, 4, 8 s for a 1 s base, and {@code (min, max) -> 0.5} gives 1.5, 2.5,
 * 4.5 s. It is not consulted when the backoff alone already reaches {@code maxWait}, nor when the provider
 * sent {@code Retry-After}. Implementations must be thread-safe (one module serves concurrent calls) and
 * must not throw.
 */
@FunctionalInterface
public interface JitterSource {

    /**
     * A number between {@code min} and {@code max} (both in seconds); real sources draw it uniformly.
     */
    double uniform(double min, double max);

    /** Uniformly random jitter (the default): spreads retries of many concurrent callers apart. */
    static JitterSource random() {
        return (min, max) -> max > min ? ThreadLocalRandom.current().nextDouble(min, max) : min;
    }

    /** No jitter: the bare exponential backoff. */
    static JitterSource none() {
        return (min, max) -> min;
    }
}
