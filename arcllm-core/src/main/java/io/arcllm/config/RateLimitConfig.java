package io.arcllm.config;

import java.time.Duration;

import io.arcllm.ArcLlmConfigException;
import org.jspecify.annotations.Nullable;

/**
 * Settings of the rate-limit module. The same type holds the global settings, a provider's override and a
 * call's override: a {@code null} component is <em>unset</em> and inherits from the level below
 * ({@link #overriding(RateLimitConfig)}); {@link #DEFAULTS} has every component set. A budget of {@code 0}
 * means "no limit for this budget" (so a provider can drop a budget set globally). Immutable; the compact
 * constructor rejects bad values with an {@link ArcLlmConfigException} naming the property ({@code max-wait}, ...).
 *
 * @param requestsPerMinute attempts admitted per minute; {@code 0} = no limit
 * @param inputTokensPerMinute input tokens per minute, reserved as an estimate (about four
 *     characters a token) and reconciled with the reported usage; {@code 0} = no limit
 * @param outputTokensPerMinute output tokens per minute, reserved as the request's {@code max_tokens} and
 *     reconciled with the reported usage; {@code 0} = no limit
 * @param maxConcurrent calls in flight to the provider from this JVM; {@code 0} = no limit
 * @param maxWait how long a call may wait to be admitted before it fails with
 *     {@link io.arcllm.ArcLlmRateLimitException}; {@code 0s} refuses at once
 * @param store where the buckets live: this JVM's memory, or Redis shared by every instance
 * @param onStoreFailure what to do while the Redis store is unreachable
 * @param storeTimeout the longest a Redis operation may take before it counts as a store failure
 * @param perModel whether each model of a provider has its own budgets (providers that limit per model)
 */
public record RateLimitConfig(@Nullable Long requestsPerMinute, @Nullable Long inputTokensPerMinute,
                              @Nullable Long outputTokensPerMinute, @Nullable Integer maxConcurrent,
                              @Nullable Duration maxWait, @Nullable Store store,
                              @Nullable OnStoreFailure onStoreFailure, @Nullable Duration storeTimeout,
                              @Nullable Boolean perModel) {

    /** Default {@link #requestsPerMinute()}: 50 (Anthropic's first usage tier). */
    public static final long DEFAULT_REQUESTS_PER_MINUTE = 50;
    /** Default {@link #inputTokensPerMinute()}: 0, no limit. */
    public static final long DEFAULT_INPUT_TOKENS_PER_MINUTE = 0;
    /** Default {@link #outputTokensPerMinute()}: 8,000 (Anthropic's first usage tier). */
    public static final long DEFAULT_OUTPUT_TOKENS_PER_MINUTE = 8_000;
    /** Default {@link #maxConcurrent()}: 0, no limit. */
    public static final int DEFAULT_MAX_CONCURRENT = 0;
    /** Default {@link #maxWait()}: 10 seconds. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(10);
    /** Default {@link #storeTimeout()}: 500 milliseconds. */
    public static final Duration DEFAULT_STORE_TIMEOUT = Duration.ofMillis(500);

    /** Every component set to its default. */
    public static final RateLimitConfig DEFAULTS = new RateLimitConfig(DEFAULT_REQUESTS_PER_MINUTE,
            DEFAULT_INPUT_TOKENS_PER_MINUTE, DEFAULT_OUTPUT_TOKENS_PER_MINUTE, DEFAULT_MAX_CONCURRENT, DEFAULT_MAX_WAIT,
            Store.MEMORY, OnStoreFailure.ALLOW, DEFAULT_STORE_TIMEOUT, false);

    /** The rate-limit module, off unless configured; applied per attempt, directly above the adapter. */
    public static final ModuleKind<RateLimitConfig, Builder> KIND =
            ModuleKind.of("rate-limit", false, DEFAULTS, RateLimitConfig::toBuilder, Builder::build);

    /** Nothing set: inherits everything. */
    public static final RateLimitConfig UNSET = new RateLimitConfig(null, null, null, null, null, null, null, null, null);

    /** Where the buckets live. */
    public enum Store {
        /** In this JVM (default): each instance of an application has its own budgets. */
        MEMORY,
        /** In Redis, under {@code arcllm:rate-limit:<provider>:<budget>}: every instance shares the budgets. */
        REDIS
    }

    /** What a call does while the Redis store cannot be reached. */
    public enum OnStoreFailure {
        /** Admit against this JVM's in-memory buckets; log once a minute and count it (default). */
        ALLOW,
        /** Refuse with {@link io.arcllm.ArcLlmRateLimitException} (budget {@code store}). */
        DENY
    }

    /**
     * Validates.
     *
     * @throws ArcLlmConfigException if a budget or {@code maxConcurrent} is negative, {@code maxWait} is
     *     negative, or {@code storeTimeout} is not positive
     */
    public RateLimitConfig {
        requireNotNegative("requests-per-minute", requestsPerMinute);
        requireNotNegative("input-tokens-per-minute", inputTokensPerMinute);
        requireNotNegative("output-tokens-per-minute", outputTokensPerMinute);
        requireNotNegative("max-concurrent", maxConcurrent == null ? null : maxConcurrent.longValue());
        if (maxWait != null && maxWait.isNegative()) {
            throw ArcLlmConfigException.of("max-wait", "must be >= 0s, was " + maxWait);
        }
        if (storeTimeout != null && (storeTimeout.isZero() || storeTimeout.isNegative())) {
            throw ArcLlmConfigException.of("store-timeout", "must be > 0, was " + storeTimeout);
        }
    }

    private static void requireNotNegative(String property, @Nullable Long value) {
        if (value != null && value < 0) {
            throw ArcLlmConfigException.of(property, "must be >= 0 (0 = no limit), was " + value);
        }
    }

    /**
     * These settings over {@code base}: each component set here wins, each unset one comes from {@code base}.
     * Global settings over {@link #DEFAULTS}, a provider's over the global ones, a call's over the provider's.
     */
    public RateLimitConfig overriding(RateLimitConfig base) {
        return new RateLimitConfig(pick(requestsPerMinute, base.requestsPerMinute),
                pick(inputTokensPerMinute, base.inputTokensPerMinute), pick(outputTokensPerMinute, base.outputTokensPerMinute),
                pick(maxConcurrent, base.maxConcurrent), pick(maxWait, base.maxWait), pick(store, base.store),
                pick(onStoreFailure, base.onStoreFailure), pick(storeTimeout, base.storeTimeout), pick(perModel, base.perModel));
    }

    /** These settings over {@link #DEFAULTS}: every component set. */
    public RateLimitConfig resolved() {
        return overriding(DEFAULTS);
    }

    private static <T> @Nullable T pick(@Nullable T value, @Nullable T fallback) {
        return value != null ? value : fallback;
    }

    /** A copy with {@code requestsPerMinute} set. */
    public RateLimitConfig withRequestsPerMinute(@Nullable Long value) {
        return new RateLimitConfig(value, inputTokensPerMinute, outputTokensPerMinute, maxConcurrent, maxWait, store,
                onStoreFailure, storeTimeout, perModel);
    }

    /** A copy with {@code inputTokensPerMinute} set. */
    public RateLimitConfig withInputTokensPerMinute(@Nullable Long value) {
        return new RateLimitConfig(requestsPerMinute, value, outputTokensPerMinute, maxConcurrent, maxWait, store,
                onStoreFailure, storeTimeout, perModel);
    }

    /** A copy with {@code outputTokensPerMinute} set. */
    public RateLimitConfig withOutputTokensPerMinute(@Nullable Long value) {
        return new RateLimitConfig(requestsPerMinute, inputTokensPerMinute, value, maxConcurrent, maxWait, store,
                onStoreFailure, storeTimeout, perModel);
    }

    /** A copy with {@code maxConcurrent} set. */
    public RateLimitConfig withMaxConcurrent(@Nullable Integer value) {
        return new RateLimitConfig(requestsPerMinute, inputTokensPerMinute, outputTokensPerMinute, value, maxWait, store,
                onStoreFailure, storeTimeout, perModel);
    }

    /** A copy with {@code maxWait} set. */
    public RateLimitConfig withMaxWait(@Nullable Duration value) {
        return new RateLimitConfig(requestsPerMinute, inputTokensPerMinute, outputTokensPerMinute, maxConcurrent, value,
                store, onStoreFailure, storeTimeout, perModel);
    }

    /** A copy with {@code store} set. */
    public RateLimitConfig withStore(@Nullable Store value) {
        return new RateLimitConfig(requestsPerMinute, inputTokensPerMinute, outputTokensPerMinute, maxConcurrent, maxWait,
                value, onStoreFailure, storeTimeout, perModel);
    }

    /** A copy with {@code onStoreFailure} set. */
    public RateLimitConfig withOnStoreFailure(@Nullable OnStoreFailure value) {
        return new RateLimitConfig(requestsPerMinute, inputTokensPerMinute, outputTokensPerMinute, maxConcurrent, maxWait,
                store, value, storeTimeout, perModel);
    }

    /** A copy with {@code storeTimeout} set. */
    public RateLimitConfig withStoreTimeout(@Nullable Duration value) {
        return new RateLimitConfig(requestsPerMinute, inputTokensPerMinute, outputTokensPerMinute, maxConcurrent, maxWait,
                store, onStoreFailure, value, perModel);
    }

    /** A copy with {@code perModel} set. */
    public RateLimitConfig withPerModel(@Nullable Boolean value) {
        return new RateLimitConfig(requestsPerMinute, inputTokensPerMinute, outputTokensPerMinute, maxConcurrent, maxWait,
                store, onStoreFailure, storeTimeout, value);
    }

    /** Every component set to its default ({@link #DEFAULTS}). */
    public static RateLimitConfig defaults() {
        return DEFAULTS;
    }

    /** A builder pre-filled with these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A builder with every component unset. */
    public static Builder builder() {
        return new Builder(UNSET);
    }

    /** Builds {@link RateLimitConfig}; {@link #build()} validates. */
    public static final class Builder {
        private @Nullable Long requestsPerMinute;
        private @Nullable Long inputTokensPerMinute;
        private @Nullable Long outputTokensPerMinute;
        private @Nullable Integer maxConcurrent;
        private @Nullable Duration maxWait;
        private @Nullable Store store;
        private @Nullable OnStoreFailure onStoreFailure;
        private @Nullable Duration storeTimeout;
        private @Nullable Boolean perModel;

        private Builder(RateLimitConfig from) {
            requestsPerMinute = from.requestsPerMinute;
            inputTokensPerMinute = from.inputTokensPerMinute;
            outputTokensPerMinute = from.outputTokensPerMinute;
            maxConcurrent = from.maxConcurrent;
            maxWait = from.maxWait;
            store = from.store;
            onStoreFailure = from.onStoreFailure;
            storeTimeout = from.storeTimeout;
            perModel = from.perModel;
        }

        /** See {@link RateLimitConfig#requestsPerMinute()}. */
        public Builder requestsPerMinute(@Nullable Long value) {
            requestsPerMinute = value;
            return this;
        }

        /** See {@link RateLimitConfig#inputTokensPerMinute()}. */
        public Builder inputTokensPerMinute(@Nullable Long value) {
            inputTokensPerMinute = value;
            return this;
        }

        /** See {@link RateLimitConfig#outputTokensPerMinute()}. */
        public Builder outputTokensPerMinute(@Nullable Long value) {
            outputTokensPerMinute = value;
            return this;
        }

        /** See {@link RateLimitConfig#maxConcurrent()}. */
        public Builder maxConcurrent(@Nullable Integer value) {
            maxConcurrent = value;
            return this;
        }

        /** See {@link RateLimitConfig#maxWait()}. */
        public Builder maxWait(@Nullable Duration value) {
            maxWait = value;
            return this;
        }

        /** See {@link RateLimitConfig#store()}. */
        public Builder store(@Nullable Store value) {
            store = value;
            return this;
        }

        /** See {@link RateLimitConfig#onStoreFailure()}. */
        public Builder onStoreFailure(@Nullable OnStoreFailure value) {
            onStoreFailure = value;
            return this;
        }

        /** See {@link RateLimitConfig#storeTimeout()}. */
        public Builder storeTimeout(@Nullable Duration value) {
            storeTimeout = value;
            return this;
        }

        /** See {@link RateLimitConfig#perModel()}. */
        public Builder perModel(@Nullable Boolean value) {
            perModel = value;
            return this;
        }

        /**
         * @throws ArcLlmConfigException as the record's constructor does
         */
        public RateLimitConfig build() {
            return new RateLimitConfig(requestsPerMinute, inputTokensPerMinute, outputTokensPerMinute, maxConcurrent,
                    maxWait, store, onStoreFailure, storeTimeout, perModel);
        }
    }
}
