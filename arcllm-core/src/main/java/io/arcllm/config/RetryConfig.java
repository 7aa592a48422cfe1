package io.arcllm.config;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

import io.arcllm.ArcLlmConfigException;
import io.arcllm.internal.Durations;

/**
 * Settings of the retry module. Immutable; every instance is valid, because the compact
 * constructor (and so {@link Builder#build()}) rejects bad values with an
 * {@link ArcLlmConfigException} naming the property ({@code max-retries}, {@code backoff-base}, ...).
 *
 * @param maxRetries how many times a failed call is repeated; {@code 0} means one attempt only
 * @param backoffBase the wait before the first retry, doubled for each further retry (before jitter)
 * @param maxWait the longest wait between two attempts, whatever the backoff or {@code Retry-After} says
 * @param retryableStatusCodes the HTTP statuses of {@link io.arcllm.ArcLlmApiException} that are retried
 * @param budgetRatio the provider's retry budget: retries allowed per first attempt over the last 10 s
 *     (shared by every stack of the provider); {@code >= 0}
 * @param minRetriesPerSecond the budget's floor: retries allowed per second whatever the traffic; {@code >= 0}
 */
public record RetryConfig(int maxRetries, Duration backoffBase, Duration maxWait, Set<Integer> retryableStatusCodes,
                          double budgetRatio, int minRetriesPerSecond) {

    /** Default {@link #maxRetries()}: 3, i.e. at most 4 attempts. */
    public static final int DEFAULT_MAX_RETRIES = 3;
    /** Default {@link #backoffBase()}: 1 second. */
    public static final Duration DEFAULT_BACKOFF_BASE = Duration.ofSeconds(1);
    /** Default {@link #maxWait()}: 60 seconds. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(60);
    /** Default {@link #retryableStatusCodes()}: 429, 500, 502, 503 and 529 (Anthropic "overloaded"). */
    public static final Set<Integer> DEFAULT_RETRYABLE_STATUS_CODES = Set.of(429, 500, 502, 503, 529);

    /** Default {@link #budgetRatio()}: 0.2 retries per first attempt. */
    public static final double DEFAULT_BUDGET_RATIO = 0.2;
    /** Default {@link #minRetriesPerSecond()}: 10. */
    public static final int DEFAULT_MIN_RETRIES_PER_SECOND = 10;

    private static final RetryConfig DEFAULTS = new RetryConfig(DEFAULT_MAX_RETRIES, DEFAULT_BACKOFF_BASE,
            DEFAULT_MAX_WAIT, DEFAULT_RETRYABLE_STATUS_CODES);

    /** The retry module, off unless configured. */
    public static final ModuleKind<RetryConfig, Builder> KIND =
            ModuleKind.of("retry", false, DEFAULTS, RetryConfig::toBuilder, Builder::build);

    /**
     * Validates and copies.
     *
     * @throws ArcLlmConfigException if {@code maxRetries < 0}, a duration is missing, zero or negative,
     *     or a status code is not an HTTP status (100–599)
     */
    public RetryConfig {
        if (maxRetries < 0) {
            throw ArcLlmConfigException.of("max-retries", "must be >= 0, was " + maxRetries);
        }
        requirePositive("backoff-base", backoffBase);
        requirePositive("max-wait", maxWait);
        if (retryableStatusCodes == null) {
            throw ArcLlmConfigException.of("retryable-status-codes", "must not be null");
        }
        for (Integer code : retryableStatusCodes) {
            if (code == null || code < 100 || code > 599) {
                throw ArcLlmConfigException.of("retryable-status-codes", "must be HTTP status codes (100-599), was " + code);
            }
        }
        retryableStatusCodes = Collections.unmodifiableSet(new TreeSet<>(retryableStatusCodes));
        if (!(budgetRatio >= 0 && budgetRatio < Double.POSITIVE_INFINITY)) {
            throw ArcLlmConfigException.of("budget-ratio", "must be >= 0, was " + budgetRatio);
        }
        if (minRetriesPerSecond < 0) {
            throw ArcLlmConfigException.of("min-retries-per-second", "must be >= 0, was " + minRetriesPerSecond);
        }
    }

    /** Settings with the default retry budget ({@value #DEFAULT_BUDGET_RATIO}, {@value #DEFAULT_MIN_RETRIES_PER_SECOND}/s). */
    public RetryConfig(int maxRetries, Duration backoffBase, Duration maxWait, Set<Integer> retryableStatusCodes) {
        this(maxRetries, backoffBase, maxWait, retryableStatusCodes, DEFAULT_BUDGET_RATIO, DEFAULT_MIN_RETRIES_PER_SECOND);
    }

    private static void requirePositive(String property, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw ArcLlmConfigException.of(property, "must be > 0, was " + Durations.format(value));
        }
    }

    /** The defaults: 3 retries, 1 s base, 60 s cap, statuses 429, 500, 502, 503, 529. */
    public static RetryConfig defaults() {
        return DEFAULTS;
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    /** A builder starting from {@code base}, to derive a changed copy. */
    public static Builder from(RetryConfig base) {
        return new Builder(base);
    }

    /** A builder pre-filled with this config. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Whether an API error with this HTTP status is retried. */
    public boolean isRetryableStatus(int statusCode) {
        return retryableStatusCodes.contains(statusCode);
    }

    /** Builds {@link RetryConfig}s; validation happens in {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private int maxRetries;
        private Duration backoffBase;
        private Duration maxWait;
        private Set<Integer> retryableStatusCodes;
        private double budgetRatio;
        private int minRetriesPerSecond;

        private Builder(RetryConfig base) {
            budgetRatio = base.budgetRatio;
            minRetriesPerSecond = base.minRetriesPerSecond;
            maxRetries = base.maxRetries;
            backoffBase = base.backoffBase;
            maxWait = base.maxWait;
            retryableStatusCodes = base.retryableStatusCodes;
        }

        /** Sets how many times a failed call is repeated ({@code >= 0}). */
        public Builder maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        /** Sets the wait before the first retry ({@code > 0}). */
        public Builder backoffBase(Duration backoffBase) {
            this.backoffBase = backoffBase;
            return this;
        }

        /** Sets the longest wait between two attempts ({@code > 0}). */
        public Builder maxWait(Duration maxWait) {
            this.maxWait = maxWait;
            return this;
        }

        /** Replaces the retried HTTP statuses. */
        public Builder retryableStatusCodes(Collection<Integer> retryableStatusCodes) {
            this.retryableStatusCodes = retryableStatusCodes == null ? null : new TreeSet<>(retryableStatusCodes);
            return this;
        }

        /** Sets the retry budget's ratio of retries to first attempts over 10 s ({@code >= 0}). */
        public Builder budgetRatio(double budgetRatio) {
            this.budgetRatio = budgetRatio;
            return this;
        }

        /** Sets the retry budget's floor in retries per second ({@code >= 0}). */
        public Builder minRetriesPerSecond(int minRetriesPerSecond) {
            this.minRetriesPerSecond = minRetriesPerSecond;
            return this;
        }

        /**
         * @throws ArcLlmConfigException naming the property that is wrong
         */
        public RetryConfig build() {
            return new RetryConfig(maxRetries, backoffBase, maxWait, retryableStatusCodes, budgetRatio, minRetriesPerSecond);
        }
    }
}
