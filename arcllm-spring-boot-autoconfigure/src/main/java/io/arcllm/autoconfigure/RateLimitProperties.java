package io.arcllm.autoconfigure;

import java.time.Duration;

import io.arcllm.config.RateLimitConfig;
import org.jspecify.annotations.Nullable;

/**
 * The rate-limit module's settings, bound both globally ({@code arcllm.modules.rate-limit.*}) and per provider
 * ({@code arcllm.providers.<id>.modules.rate-limit.*}). Every value left unset inherits: a provider's from the
 * global settings, the global ones from {@link RateLimitConfig#DEFAULTS}. A budget of 0 means no limit on it.
 */
public class RateLimitProperties {

    /** Whether the module is on: globally, for providers without an override; per provider, for that provider (any setting also turns it on unless this is false). */
    private @Nullable Boolean enabled;

    /** Attempts admitted per minute per provider; 0 = no limit. Default 50. */
    private @Nullable Long requestsPerMinute;

    /** Input tokens per minute per provider, reserved from a character estimate (characters / 4) and reconciled with the reported usage; 0 = no limit. Default 0. */
    private @Nullable Long inputTokensPerMinute;

    /** Output tokens per minute per provider, reserved as the request's max_tokens and reconciled with the reported usage; 0 = no limit. Default 8000. */
    private @Nullable Long outputTokensPerMinute;

    /** Calls in flight to the provider from this JVM; 0 = no limit. Default 0. */
    private @Nullable Integer maxConcurrent;

    /** Longest wait for admission before ArcLlmRateLimitException; 0s refuses at once. Default 10s. */
    private @Nullable Duration maxWait;

    /** Where the buckets live: memory (this JVM) or redis (shared by every instance, through spring.data.redis.*). Default memory. */
    private RateLimitConfig.@Nullable Store store;

    /** While Redis is unreachable: allow (admit against this JVM's buckets, logged once a minute and counted) or deny (refuse). Default allow. */
    private RateLimitConfig.@Nullable OnStoreFailure onStoreFailure;

    /** Longest a Redis operation may take before it counts as a store failure. Default 500ms. */
    private @Nullable Duration storeTimeout;

    /** Whether each model of a provider has its own budgets. Default false. */
    private @Nullable Boolean perModel;

    public @Nullable Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(@Nullable Boolean enabled) {
        this.enabled = enabled;
    }

    public @Nullable Long getRequestsPerMinute() {
        return requestsPerMinute;
    }

    public void setRequestsPerMinute(@Nullable Long requestsPerMinute) {
        this.requestsPerMinute = requestsPerMinute;
    }

    public @Nullable Long getInputTokensPerMinute() {
        return inputTokensPerMinute;
    }

    public void setInputTokensPerMinute(@Nullable Long inputTokensPerMinute) {
        this.inputTokensPerMinute = inputTokensPerMinute;
    }

    public @Nullable Long getOutputTokensPerMinute() {
        return outputTokensPerMinute;
    }

    public void setOutputTokensPerMinute(@Nullable Long outputTokensPerMinute) {
        this.outputTokensPerMinute = outputTokensPerMinute;
    }

    public @Nullable Integer getMaxConcurrent() {
        return maxConcurrent;
    }

    public void setMaxConcurrent(@Nullable Integer maxConcurrent) {
        this.maxConcurrent = maxConcurrent;
    }

    public @Nullable Duration getMaxWait() {
        return maxWait;
    }

    public void setMaxWait(@Nullable Duration maxWait) {
        this.maxWait = maxWait;
    }

    public RateLimitConfig.@Nullable Store getStore() {
        return store;
    }

    public void setStore(RateLimitConfig.@Nullable Store store) {
        this.store = store;
    }

    public RateLimitConfig.@Nullable OnStoreFailure getOnStoreFailure() {
        return onStoreFailure;
    }

    public void setOnStoreFailure(RateLimitConfig.@Nullable OnStoreFailure onStoreFailure) {
        this.onStoreFailure = onStoreFailure;
    }

    public @Nullable Duration getStoreTimeout() {
        return storeTimeout;
    }

    public void setStoreTimeout(@Nullable Duration storeTimeout) {
        this.storeTimeout = storeTimeout;
    }

    public @Nullable Boolean getPerModel() {
        return perModel;
    }

    public void setPerModel(@Nullable Boolean perModel) {
        this.perModel = perModel;
    }
}
