package io.arcllm.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Module overrides of one provider (its own configuration) or one load: per module {@code false} (off),
 * changes over the settings resolved so far (on), {@code true} (on) or nothing (inherit); see
 * {@link ModuleOverride} for the 4-level rule. Immutable.
 *
 * <pre>{@code
 * LoadOptions.builder().retry(r -> r.maxRetries(5)).fallback(true).build()
 * }</pre>
 */
public final class LoadOptions {

    private static final LoadOptions NONE = new LoadOptions(Map.of());

    private final Map<ModuleKind<?, ?>, ModuleOverride<?>> overrides;

    private LoadOptions(Map<ModuleKind<?, ?>, ModuleOverride<?>> overrides) {
        this.overrides = Map.copyOf(overrides);
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

    /** The override of a module; {@link ModuleOverride#inherit()} when none is set. */
    @SuppressWarnings("unchecked")
    public <B> ModuleOverride<B> override(ModuleKind<?, B> kind) {
        return (ModuleOverride<B>) overrides.getOrDefault(kind, ModuleOverride.inherit());
    }

    /** The modules these options override. */
    public Set<ModuleKind<?, ?>> kinds() {
        return overrides.keySet();
    }

    /** The retry override. */
    public ModuleOverride<RetryConfig.Builder> retry() {
        return override(RetryConfig.KIND);
    }

    /** The fallback override. */
    public ModuleOverride<FallbackConfig.Builder> fallback() {
        return override(FallbackConfig.KIND);
    }

    /** The telemetry override. */
    public ModuleOverride<TelemetryConfig.Builder> telemetry() {
        return override(TelemetryConfig.KIND);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("LoadOptions[retry=" + retry() + ", fallback=" + fallback());
        overrides.forEach((kind, override) -> {
            if (kind != RetryConfig.KIND && kind != FallbackConfig.KIND && override.level() != 4) {
                text.append(", ").append(kind.name()).append('=').append(override);
            }
        });
        return text.append(']').toString();
    }

    /** Builds {@link LoadOptions}. Not thread-safe. */
    public static final class Builder {
        private final Map<ModuleKind<?, ?>, ModuleOverride<?>> overrides;

        private Builder(LoadOptions base) {
            overrides = new LinkedHashMap<>(base.overrides);
        }

        /** Sets a module's override; {@link ModuleOverride#inherit()} removes it. */
        public <B> Builder module(ModuleKind<?, B> kind, ModuleOverride<B> override) {
            Objects.requireNonNull(kind, "kind");
            if (Objects.requireNonNull(override, kind.name()).level() == 4) {
                overrides.remove(kind);
            } else {
                overrides.put(kind, override);
            }
            return this;
        }

        /** {@code true}: the module on with the settings resolved so far (level 3); {@code false}: off (level 1). */
        public Builder module(ModuleKind<?, ?> kind, boolean enabled) {
            Objects.requireNonNull(kind, "kind");
            overrides.put(kind, enabled ? ModuleOverride.enabled() : ModuleOverride.disabled());
            return this;
        }

        /** The module on, with these changes over the settings resolved so far (level 2). */
        public <B> Builder module(ModuleKind<?, B> kind, UnaryOperator<B> changes) {
            return module(kind, ModuleOverride.with(changes));
        }

        /** {@code true}: retry on with the global settings (level 3); {@code false}: off (level 1). */
        public Builder retry(boolean enabled) {
            return module(RetryConfig.KIND, enabled);
        }

        /** Retry on, with these changes over the global settings (level 2). */
        public Builder retry(UnaryOperator<RetryConfig.Builder> changes) {
            return module(RetryConfig.KIND, changes);
        }

        /** Sets the retry override; {@link ModuleOverride#inherit()} removes it. */
        public Builder retry(ModuleOverride<RetryConfig.Builder> override) {
            return module(RetryConfig.KIND, override);
        }

        /** {@code true}: fallback on with the global settings (level 3); {@code false}: off (level 1). */
        public Builder fallback(boolean enabled) {
            return module(FallbackConfig.KIND, enabled);
        }

        /** Fallback on, with these changes over the global settings (level 2). */
        public Builder fallback(UnaryOperator<FallbackConfig.Builder> changes) {
            return module(FallbackConfig.KIND, changes);
        }

        /** Sets the fallback override; {@link ModuleOverride#inherit()} removes it. */
        public Builder fallback(ModuleOverride<FallbackConfig.Builder> override) {
            return module(FallbackConfig.KIND, override);
        }

        /** {@code true}: telemetry on with the global settings (level 3); {@code false}: off (level 1). */
        public Builder telemetry(boolean enabled) {
            return module(TelemetryConfig.KIND, enabled);
        }

        /** Telemetry on, with these changes over the global settings (level 2). */
        public Builder telemetry(UnaryOperator<TelemetryConfig.Builder> changes) {
            return module(TelemetryConfig.KIND, changes);
        }

        /** Sets the telemetry override; {@link ModuleOverride#inherit()} removes it. */
        public Builder telemetry(ModuleOverride<TelemetryConfig.Builder> override) {
            return module(TelemetryConfig.KIND, override);
        }

        /** Builds the options. */
        public LoadOptions build() {
            return new LoadOptions(overrides);
        }
    }
}
