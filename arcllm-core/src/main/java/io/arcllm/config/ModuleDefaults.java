package io.arcllm.config;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The global module settings, the walkthrough's {@code config.toml} ({@code arcllm.modules.*} in
 * Spring): for each module an {@code enabled} flag, used when a provider has no override, and the
 * settings every override starts from. Immutable.
 *
 * @param retryEnabled whether providers without a retry override get the retry module
 * @param retry the global retry settings
 * @param fallbackEnabled whether providers without a fallback override get the fallback module
 * @param fallback the global fallback settings
 * @param telemetryEnabled whether providers without a telemetry override get the telemetry module; it
 *     takes effect only in a registry given an {@link io.arcllm.module.Instrumentation}
 * @param telemetry the global telemetry settings
 */
public record ModuleDefaults(boolean retryEnabled, RetryConfig retry, boolean fallbackEnabled, FallbackConfig fallback,
                             boolean telemetryEnabled, TelemetryConfig telemetry) {

    private static final ModuleDefaults DEFAULTS = new ModuleDefaults(false, RetryConfig.defaults(), false,
            FallbackConfig.defaults(), true, TelemetryConfig.defaults());

    /** @throws NullPointerException if a config is null */
    public ModuleDefaults {
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(fallback, "fallback");
        Objects.requireNonNull(telemetry, "telemetry");
    }

    /** Retry and fallback as given; telemetry on with {@link TelemetryConfig#defaults()}. */
    public ModuleDefaults(boolean retryEnabled, RetryConfig retry, boolean fallbackEnabled, FallbackConfig fallback) {
        this(retryEnabled, retry, fallbackEnabled, fallback, true, TelemetryConfig.defaults());
    }

    /**
     * Retry and fallback off, with {@link RetryConfig#defaults()} and {@link FallbackConfig#defaults()};
     * telemetry on with {@link TelemetryConfig#defaults()} (inert unless the registry has an
     * {@link io.arcllm.module.Instrumentation}).
     */
    public static ModuleDefaults defaults() {
        return DEFAULTS;
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    /** A builder pre-filled with these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link ModuleDefaults}. Not thread-safe. */
    public static final class Builder {
        private boolean retryEnabled;
        private RetryConfig retry;
        private boolean fallbackEnabled;
        private FallbackConfig fallback;
        private boolean telemetryEnabled;
        private TelemetryConfig telemetry;

        private Builder(ModuleDefaults base) {
            retryEnabled = base.retryEnabled;
            retry = base.retry;
            fallbackEnabled = base.fallbackEnabled;
            fallback = base.fallback;
            telemetryEnabled = base.telemetryEnabled;
            telemetry = base.telemetry;
        }

        /** Sets the global retry flag. */
        public Builder retryEnabled(boolean retryEnabled) {
            this.retryEnabled = retryEnabled;
            return this;
        }

        /** Sets the global retry settings. */
        public Builder retry(RetryConfig retry) {
            this.retry = retry;
            return this;
        }

        /** Changes the global retry settings. */
        public Builder retry(UnaryOperator<RetryConfig.Builder> settings) {
            this.retry = settings.apply(retry.toBuilder()).build();
            return this;
        }

        /** Sets the global fallback flag. */
        public Builder fallbackEnabled(boolean fallbackEnabled) {
            this.fallbackEnabled = fallbackEnabled;
            return this;
        }

        /** Sets the global fallback settings. */
        public Builder fallback(FallbackConfig fallback) {
            this.fallback = fallback;
            return this;
        }

        /** Changes the global fallback settings. */
        public Builder fallback(UnaryOperator<FallbackConfig.Builder> settings) {
            this.fallback = settings.apply(fallback.toBuilder()).build();
            return this;
        }

        /** Sets the global telemetry flag. */
        public Builder telemetryEnabled(boolean telemetryEnabled) {
            this.telemetryEnabled = telemetryEnabled;
            return this;
        }

        /** Sets the global telemetry settings. */
        public Builder telemetry(TelemetryConfig telemetry) {
            this.telemetry = telemetry;
            return this;
        }

        /** Changes the global telemetry settings. */
        public Builder telemetry(UnaryOperator<TelemetryConfig.Builder> settings) {
            this.telemetry = settings.apply(telemetry.toBuilder()).build();
            return this;
        }

        /** @throws NullPointerException if a config is null */
        public ModuleDefaults build() {
            return new ModuleDefaults(retryEnabled, retry, fallbackEnabled, fallback, telemetryEnabled, telemetry);
        }
    }
}
