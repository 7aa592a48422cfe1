package io.arcllm.config;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Per-provider or per-call module overrides, the walkthrough's {@code load_model} keyword arguments:
 * {@code retry(false)}, {@code retry(r -> r.maxRetries(5))}, {@code retry(true)} or nothing (see
 * {@link ModuleOverride} for the 4-level rule). Immutable.
 *
 * <pre>{@code
 * LoadOptions.builder().retry(r -> r.maxRetries(5)).fallback(true).build()
 * }</pre>
 */
public final class LoadOptions {

    private static final LoadOptions NONE = new LoadOptions(ModuleOverride.inherit(), ModuleOverride.inherit());

    private final ModuleOverride<RetryConfig.Builder> retry;
    private final ModuleOverride<FallbackConfig.Builder> fallback;

    private LoadOptions(ModuleOverride<RetryConfig.Builder> retry, ModuleOverride<FallbackConfig.Builder> fallback) {
        this.retry = Objects.requireNonNull(retry, "retry");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    /** No overrides: every module follows its global flag. */
    public static LoadOptions none() {
        return NONE;
    }

    /** A builder with no overrides. */
    public static Builder builder() {
        return new Builder(NONE);
    }

    /** A builder pre-filled with these overrides. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The retry override. */
    public ModuleOverride<RetryConfig.Builder> retry() {
        return retry;
    }

    /** The fallback override. */
    public ModuleOverride<FallbackConfig.Builder> fallback() {
        return fallback;
    }

    @Override
    public String toString() {
        return "LoadOptions[retry=" + retry + ", fallback=" + fallback + "]";
    }

    /** Builds {@link LoadOptions}. Not thread-safe. */
    public static final class Builder {
        private ModuleOverride<RetryConfig.Builder> retry;
        private ModuleOverride<FallbackConfig.Builder> fallback;

        private Builder(LoadOptions base) {
            retry = base.retry;
            fallback = base.fallback;
        }

        /** {@code true}: retry on with the global settings (level 3); {@code false}: off (level 1). */
        public Builder retry(boolean enabled) {
            return retry(enabled ? ModuleOverride.enabled() : ModuleOverride.disabled());
        }

        /** Retry on, with these changes over the global settings (level 2). */
        public Builder retry(UnaryOperator<RetryConfig.Builder> settings) {
            return retry(ModuleOverride.with(settings));
        }

        /** Sets the retry override; {@link ModuleOverride#inherit()} removes it. */
        public Builder retry(ModuleOverride<RetryConfig.Builder> override) {
            this.retry = Objects.requireNonNull(override, "retry");
            return this;
        }

        /** {@code true}: fallback on with the global settings (level 3); {@code false}: off (level 1). */
        public Builder fallback(boolean enabled) {
            return fallback(enabled ? ModuleOverride.enabled() : ModuleOverride.disabled());
        }

        /** Fallback on, with these changes over the global settings (level 2). */
        public Builder fallback(UnaryOperator<FallbackConfig.Builder> settings) {
            return fallback(ModuleOverride.with(settings));
        }

        /** Sets the fallback override; {@link ModuleOverride#inherit()} removes it. */
        public Builder fallback(ModuleOverride<FallbackConfig.Builder> override) {
            this.fallback = Objects.requireNonNull(override, "fallback");
            return this;
        }

        /** Builds the options. */
        public LoadOptions build() {
            return new LoadOptions(retry, fallback);
        }
    }
}
