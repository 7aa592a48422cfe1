package io.arcllm.config;

/**
 * Settings of the telemetry module (one Micrometer observation per logical call, token and cost metrics).
 * Immutable. Whether a provider gets the module at all follows the 4-level rule like every module (see
 * {@link ModuleDefaults#telemetryEnabled()}); it takes effect only in a registry given an
 * {@link io.arcllm.module.Instrumentation}.
 *
 * @param includeContent whether prompts and completions are recorded on the observation (as the span
 *     attributes {@code gen_ai.input.messages} and {@code gen_ai.output.messages}); {@code false} by
 *     default, since they may hold personal or secret data
 */
public record TelemetryConfig(boolean includeContent) {

    private static final TelemetryConfig DEFAULTS = new TelemetryConfig(false);

    /** The telemetry module: on unless configured off (it takes effect only in a registry given an instrumentation). */
    public static final ModuleKind<TelemetryConfig, Builder> KIND =
            ModuleKind.of("telemetry", true, DEFAULTS, TelemetryConfig::toBuilder, Builder::build);

    /** The defaults: content is not recorded. */
    public static TelemetryConfig defaults() {
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

    /** Builds {@link TelemetryConfig}s. Not thread-safe. */
    public static final class Builder {
        private boolean includeContent;

        private Builder(TelemetryConfig base) {
            includeContent = base.includeContent;
        }

        /** Whether prompts and completions are recorded; see {@link TelemetryConfig#includeContent()}. */
        public Builder includeContent(boolean includeContent) {
            this.includeContent = includeContent;
            return this;
        }

        /** Builds the config. */
        public TelemetryConfig build() {
            return new TelemetryConfig(includeContent);
        }
    }
}
