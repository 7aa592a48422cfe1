package io.arcllm.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The global module settings ({@code arcllm.modules.*} in Spring): per module an {@code enabled} flag, used
 * when a provider has no override, and the settings every override starts from. A module not set here
 * has its {@link ModuleKind#enabledByDefault()} flag and {@link ModuleKind#defaults()} settings. Immutable.
 */
public final class ModuleDefaults {

    private static final ModuleDefaults DEFAULTS = new ModuleDefaults(Map.of(), Map.of());

    private final Map<ModuleKind<?, ?>, Boolean> enabled;
    private final Map<ModuleKind<?, ?>, Object> settings;

    private ModuleDefaults(Map<ModuleKind<?, ?>, Boolean> enabled, Map<ModuleKind<?, ?>, Object> settings) {
        this.enabled = Map.copyOf(enabled);
        this.settings = Map.copyOf(settings);
    }

    /** Every module with its own defaults: retry and fallback off, telemetry on (inert without an instrumentation). */
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

    /** Whether providers without an override of this module get it. */
    public boolean enabled(ModuleKind<?, ?> kind) {
        return enabled.getOrDefault(kind, kind.enabledByDefault());
    }

    /** The global settings of a module. */
    @SuppressWarnings("unchecked")
    public <C> C settings(ModuleKind<C, ?> kind) {
        return (C) settings.getOrDefault(kind, kind.defaults());
    }

    /** The modules set here (others have their kind's defaults). */
    public Set<ModuleKind<?, ?>> kinds() {
        Set<ModuleKind<?, ?>> kinds = new java.util.LinkedHashSet<>(enabled.keySet());
        kinds.addAll(settings.keySet());
        return kinds;
    }

    /** Whether providers without a retry override get the retry module. */
    public boolean retryEnabled() {
        return enabled(RetryConfig.KIND);
    }

    /** The global retry settings. */
    public RetryConfig retry() {
        return settings(RetryConfig.KIND);
    }

    /** Whether providers without a fallback override get the fallback module. */
    public boolean fallbackEnabled() {
        return enabled(FallbackConfig.KIND);
    }

    /** The global fallback settings. */
    public FallbackConfig fallback() {
        return settings(FallbackConfig.KIND);
    }

    /** Whether providers without a telemetry override are observed (in a registry given an instrumentation). */
    public boolean telemetryEnabled() {
        return enabled(TelemetryConfig.KIND);
    }

    /** The global telemetry settings. */
    public TelemetryConfig telemetry() {
        return settings(TelemetryConfig.KIND);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ModuleDefaults that && enabled.equals(that.enabled) && settings.equals(that.settings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(enabled, settings);
    }

    @Override
    public String toString() {
        return "ModuleDefaults[enabled=" + enabled + ", settings=" + settings + "]";
    }

    /** Builds {@link ModuleDefaults}. Not thread-safe. */
    public static final class Builder {
        private final Map<ModuleKind<?, ?>, Boolean> enabled;
        private final Map<ModuleKind<?, ?>, Object> settings;

        private Builder(ModuleDefaults base) {
            enabled = new LinkedHashMap<>(base.enabled);
            settings = new LinkedHashMap<>(base.settings);
        }

        /** Sets a module's global flag. */
        public Builder enabled(ModuleKind<?, ?> kind, boolean on) {
            enabled.put(Objects.requireNonNull(kind, "kind"), on);
            return this;
        }

        /** Sets a module's global settings. */
        public <C> Builder settings(ModuleKind<C, ?> kind, C config) {
            settings.put(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(config, kind.name()));
            return this;
        }

        /**
         * Changes a module's global settings.
         *
         * @throws io.arcllm.ArcLlmConfigException if the result is invalid
         */
        public <C, B> Builder settings(ModuleKind<C, B> kind, UnaryOperator<B> changes) {
            @SuppressWarnings("unchecked")
            C base = (C) settings.getOrDefault(kind, kind.defaults());
            return settings(kind, kind.change(base, changes));
        }

        /** Sets the global retry flag. */
        public Builder retryEnabled(boolean on) {
            return enabled(RetryConfig.KIND, on);
        }

        /** Sets the global retry settings. */
        public Builder retry(RetryConfig retry) {
            return settings(RetryConfig.KIND, retry);
        }

        /** Changes the global retry settings. */
        public Builder retry(UnaryOperator<RetryConfig.Builder> changes) {
            return settings(RetryConfig.KIND, changes);
        }

        /** Sets the global fallback flag. */
        public Builder fallbackEnabled(boolean on) {
            return enabled(FallbackConfig.KIND, on);
        }

        /** Sets the global fallback settings. */
        public Builder fallback(FallbackConfig fallback) {
            return settings(FallbackConfig.KIND, fallback);
        }

        /** Changes the global fallback settings. */
        public Builder fallback(UnaryOperator<FallbackConfig.Builder> changes) {
            return settings(FallbackConfig.KIND, changes);
        }

        /** Sets the global telemetry flag. */
        public Builder telemetryEnabled(boolean on) {
            return enabled(TelemetryConfig.KIND, on);
        }

        /** Sets the global telemetry settings. */
        public Builder telemetry(TelemetryConfig telemetry) {
            return settings(TelemetryConfig.KIND, telemetry);
        }

        /** Changes the global telemetry settings. */
        public Builder telemetry(UnaryOperator<TelemetryConfig.Builder> changes) {
            return settings(TelemetryConfig.KIND, changes);
        }

        /** Builds the settings. */
        public ModuleDefaults build() {
            return new ModuleDefaults(enabled, settings);
        }
    }
}
