package io.arcllm.config;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Per-provider or per-call module overrides, the walkthrough's {@code load_model} keyword arguments:
 * {@code retry(false)}, {@code retry(r -> r.maxRetries(5))}, {@code retry(true)} or nothing (see
 * {@link ModuleOverride} for the 4-level rule), for retry, fallback and telemetry. Immutable.
 *
 * <pre>{@code
 * LoadOptions.builder().retry(r -> r.maxRetries(5)).fallback(true).build()
 * }</pre>
 */
public final class LoadOptions {

    private static final LoadOptions NONE =
            new LoadOptions(ModuleOverride.inherit(), ModuleOverride.inherit(), ModuleOverride.inherit());

    private final ModuleOverride<RetryConfig.Builder> retry;
    private final ModuleOverride<FallbackConfig.Builder> fallback;
    private final ModuleOverride<TelemetryConfig.Builder> telemetry;

    private LoadOptions(ModuleOverride<RetryConfig.Builder> retry, ModuleOverride<FallbackConfig.Builder> fallback,
                        ModuleOverride<TelemetryConfig.Builder> telemetry) {
        this.retry = Objects.requireNonNull(retry, "retry");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
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

    /** The telemetry override. */
    public ModuleOverride<TelemetryConfig.Builder> telemetry() {
        return telemetry;
    }

    @Override
    public String toString() {
        String shownTelemetry = telemetry.level() == 4 ? "" : ", telemetry=" + telemetry;
        return "LoadOptions[retry=" + retry + ", fallback=" + fallback + shownTelemetry + "]";
    }

    /** Builds {@link LoadOptions}. Not thread-safe. */
    public static final class Builder {
        private ModuleOverride<RetryConfig.Builder> retry;
        private ModuleOverride<FallbackConfig.Builder> fallback;
        private ModuleOverride<TelemetryConfig.Builder> telemetry;

        private Builder(LoadOptions base) {
            retry = base.retry;
            fallback = base.fallback;
            telemetry = base.telemetry;
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

        /** {@code true}: telemetry on with the global settings (level 3); {@code false}: off (level 1). */
        public Builder telemetry(boolean enabled) {
            return telemetry(enabled ? ModuleOverride.enabled() : ModuleOverride.disabled());
        }

        /** Telemetry on, with these changes over the global settings (level 2). */
        public Builder telemetry(UnaryOperator<TelemetryConfig.Builder> settings) {
            return telemetry(ModuleOverride.with(settings));
        }

        /** Sets the telemetry override; {@link ModuleOverride#inherit()} removes it. */
        public Builder telemetry(ModuleOverride<TelemetryConfig.Builder> override) {
            this.telemetry = Objects.requireNonNull(override, "telemetry");
            return this;
        }

        /** Builds the options. */
        public LoadOptions build() {
            return new LoadOptions(retry, fallback, telemetry);
        }
    }
}
