package io.arcllm.config;

import java.time.Duration;

import io.arcllm.ArcLlmConfigException;
import io.arcllm.internal.Durations;

/**
 * Settings of the circuit breaker module: when a provider's circuit opens, how long it stays open, and how
 * it probes for recovery. Immutable; every instance is valid, because the compact constructor (and so
 * {@link Builder#build()}) rejects bad values with an {@link ArcLlmConfigException} naming the property.
 *
 * <p>Only transient failures count (what retry would retry: retryable statuses, transport errors, timeouts);
 * a 400 or any other answer the provider gave on purpose counts as a success.
 *
 * @param failureRateThreshold the percentage of failed attempts, among those in the sliding window, at or
 *     above which the circuit opens; {@code 0 < x <= 100}
 * @param minimumCalls how many attempts the window must hold before the rate is judged; {@code >= 1}
 * @param slidingWindow how far back attempts are counted; whole seconds, {@code >= 1s}
 * @param openDuration how long an open circuit refuses calls before letting probes through (half-open); a
 *     provider's {@code Retry-After} longer than this keeps it open that long instead
 * @param halfOpenCalls how many probe calls a half-open circuit lets through; when they are judged (by the
 *     same threshold) it closes or opens again
 */
public record CircuitBreakerConfig(float failureRateThreshold, int minimumCalls, Duration slidingWindow,
                                   Duration openDuration, int halfOpenCalls) {

    /** Default {@link #failureRateThreshold()}: 50 (%). */
    public static final float DEFAULT_FAILURE_RATE_THRESHOLD = 50f;
    /** Default {@link #minimumCalls()}: 10. */
    public static final int DEFAULT_MINIMUM_CALLS = 10;
    /**
     * Default {@link #slidingWindow()}: 10 seconds (Hystrix's rolling window). The failure rate is judged over the
     * healthy attempts of the window too, so after steady traffic a provider that goes down keeps its circuit closed
     * until its failures match the window's successes: about half the window at an even rate. 10 s opens it within
     * seconds; 30 s took 15 s, longer than most outages worth surviving (see docs/BENCHMARKS.md, fleet outage).
     */
    public static final Duration DEFAULT_SLIDING_WINDOW = Duration.ofSeconds(10);
    /** Default {@link #openDuration()}: 30 seconds. */
    public static final Duration DEFAULT_OPEN_DURATION = Duration.ofSeconds(30);
    /** Default {@link #halfOpenCalls()}: 3. */
    public static final int DEFAULT_HALF_OPEN_CALLS = 3;

    private static final CircuitBreakerConfig DEFAULTS = new CircuitBreakerConfig(DEFAULT_FAILURE_RATE_THRESHOLD,
            DEFAULT_MINIMUM_CALLS, DEFAULT_SLIDING_WINDOW, DEFAULT_OPEN_DURATION, DEFAULT_HALF_OPEN_CALLS);

    /** The circuit breaker module, off unless configured. */
    public static final ModuleKind<CircuitBreakerConfig, Builder> KIND =
            ModuleKind.of("circuit-breaker", false, DEFAULTS, CircuitBreakerConfig::toBuilder, Builder::build);

    /**
     * Validates.
     *
     * @throws ArcLlmConfigException naming the property: a threshold outside {@code (0, 100]}, fewer than one
     *     minimum or half-open call, a sliding window shorter than one second or not whole seconds, a missing,
     *     zero or negative open duration
     */
    public CircuitBreakerConfig {
        if (!(failureRateThreshold > 0 && failureRateThreshold <= 100)) {
            throw ArcLlmConfigException.of("failure-rate-threshold", "must be > 0 and <= 100 (a percentage), was "
                    + failureRateThreshold);
        }
        if (minimumCalls < 1) {
            throw ArcLlmConfigException.of("minimum-calls", "must be >= 1, was " + minimumCalls);
        }
        if (slidingWindow == null || slidingWindow.compareTo(Duration.ofSeconds(1)) < 0 || slidingWindow.getNano() != 0
                || slidingWindow.getSeconds() > Integer.MAX_VALUE) {
            throw ArcLlmConfigException.of("sliding-window", "must be whole seconds, at least 1s, was "
                    + (slidingWindow == null ? null : Durations.format(slidingWindow)));
        }
        if (openDuration == null || openDuration.isZero() || openDuration.isNegative()) {
            throw ArcLlmConfigException.of("open-duration", "must be > 0, was "
                    + (openDuration == null ? null : Durations.format(openDuration)));
        }
        if (halfOpenCalls < 1) {
            throw ArcLlmConfigException.of("half-open-calls", "must be >= 1, was " + halfOpenCalls);
        }
    }

    /** The defaults: 50 % of at least 10 attempts over 30 s opens the circuit for 30 s; 3 probes. */
    public static CircuitBreakerConfig defaults() {
        return DEFAULTS;
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    /** A builder pre-filled with this config. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link CircuitBreakerConfig}s; validation happens in {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private float failureRateThreshold;
        private int minimumCalls;
        private Duration slidingWindow;
        private Duration openDuration;
        private int halfOpenCalls;

        private Builder(CircuitBreakerConfig base) {
            failureRateThreshold = base.failureRateThreshold;
            minimumCalls = base.minimumCalls;
            slidingWindow = base.slidingWindow;
            openDuration = base.openDuration;
            halfOpenCalls = base.halfOpenCalls;
        }

        /** Sets the failure percentage that opens the circuit ({@code 0 < x <= 100}). */
        public Builder failureRateThreshold(float failureRateThreshold) {
            this.failureRateThreshold = failureRateThreshold;
            return this;
        }

        /** Sets how many attempts the window must hold before it is judged ({@code >= 1}). */
        public Builder minimumCalls(int minimumCalls) {
            this.minimumCalls = minimumCalls;
            return this;
        }

        /** Sets how far back attempts are counted (whole seconds, {@code >= 1s}). */
        public Builder slidingWindow(Duration slidingWindow) {
            this.slidingWindow = slidingWindow;
            return this;
        }

        /** Sets how long an open circuit refuses calls ({@code > 0}). */
        public Builder openDuration(Duration openDuration) {
            this.openDuration = openDuration;
            return this;
        }

        /** Sets how many probes a half-open circuit lets through ({@code >= 1}). */
        public Builder halfOpenCalls(int halfOpenCalls) {
            this.halfOpenCalls = halfOpenCalls;
            return this;
        }

        /** @throws ArcLlmConfigException naming the property that is wrong */
        public CircuitBreakerConfig build() {
            return new CircuitBreakerConfig(failureRateThreshold, minimumCalls, slidingWindow, openDuration,
                    halfOpenCalls);
        }
    }
}
