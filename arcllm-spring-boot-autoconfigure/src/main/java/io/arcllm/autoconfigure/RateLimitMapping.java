package io.arcllm.autoconfigure;

import java.util.function.UnaryOperator;

import io.arcllm.config.ModuleOverride;
import io.arcllm.config.RateLimitConfig;

/** Maps {@link RateLimitProperties} onto {@link RateLimitConfig}: each value set replaces, each unset one inherits. */
final class RateLimitMapping {

    private RateLimitMapping() {
    }

    /** The changes the set values make to a builder. */
    static UnaryOperator<RateLimitConfig.Builder> changes(RateLimitProperties p) {
        return builder -> {
            if (p.getRequestsPerMinute() != null) {
                builder.requestsPerMinute(p.getRequestsPerMinute());
            }
            if (p.getInputTokensPerMinute() != null) {
                builder.inputTokensPerMinute(p.getInputTokensPerMinute());
            }
            if (p.getOutputTokensPerMinute() != null) {
                builder.outputTokensPerMinute(p.getOutputTokensPerMinute());
            }
            if (p.getMaxConcurrent() != null) {
                builder.maxConcurrent(p.getMaxConcurrent());
            }
            if (p.getMaxWait() != null) {
                builder.maxWait(p.getMaxWait());
            }
            if (p.getStore() != null) {
                builder.store(p.getStore());
            }
            if (p.getOnStoreFailure() != null) {
                builder.onStoreFailure(p.getOnStoreFailure());
            }
            if (p.getStoreTimeout() != null) {
                builder.storeTimeout(p.getStoreTimeout());
            }
            if (p.getPerModel() != null) {
                builder.perModel(p.getPerModel());
            }
            return builder;
        };
    }

    /** A provider's override, by the 4-level rule: {@code enabled} and whether any setting is present. */
    static ModuleOverride<RateLimitConfig.Builder> override(RateLimitProperties p) {
        boolean hasSettings = p.getRequestsPerMinute() != null || p.getInputTokensPerMinute() != null
                || p.getOutputTokensPerMinute() != null || p.getMaxConcurrent() != null || p.getMaxWait() != null
                || p.getStore() != null || p.getOnStoreFailure() != null || p.getStoreTimeout() != null
                || p.getPerModel() != null;
        return ModuleOverride.of(p.getEnabled(), hasSettings ? changes(p) : null);
    }
}
