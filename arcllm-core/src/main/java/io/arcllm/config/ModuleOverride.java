package io.arcllm.config;

import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

/**
 * One module's override for one provider (or one load): off, changes, on, or not given.
 * {@link #resolve} applies the 4-level rule:
 * <ol>
 *   <li>{@link #disabled()} — the module is off, whatever the global flag says;</li>
 *   <li>{@link #with(UnaryOperator)} — on, with these settings applied over the global ones;</li>
 *   <li>{@link #enabled()} — on, with the global settings;</li>
 *   <li>{@link #inherit()} — the global {@code enabled} flag decides, with the global settings.</li>
 * </ol>
 * Immutable; a {@link #with(UnaryOperator)} function is applied each time the override is resolved, so it
 * must be side-effect free.
 *
 * @param <B> the builder of the module's config, e.g. {@link RetryConfig.Builder}
 */
public sealed interface ModuleOverride<B>
        permits ModuleOverride.Disabled, ModuleOverride.WithSettings, ModuleOverride.Enabled, ModuleOverride.Inherit {

    /** Level 4: no override; the global flag decides. */
    @SuppressWarnings("unchecked")
    static <B> ModuleOverride<B> inherit() {
        return (ModuleOverride<B>) Inherit.INSTANCE;
    }

    /** Level 1: off, whatever the global flag says. */
    @SuppressWarnings("unchecked")
    static <B> ModuleOverride<B> disabled() {
        return (ModuleOverride<B>) Disabled.INSTANCE;
    }

    /** Level 3: on, with the global settings. */
    @SuppressWarnings("unchecked")
    static <B> ModuleOverride<B> enabled() {
        return (ModuleOverride<B>) Enabled.INSTANCE;
    }

    /**
     * Level 2: on, with {@code settings} applied to a builder pre-filled with the global settings, so
     * whatever it does not set keeps its global value.
     */
    static <B> ModuleOverride<B> with(UnaryOperator<B> settings) {
        return new WithSettings<>(settings);
    }

    /**
     * Maps the usual configuration shape ({@code enabled} flag and optional settings) to an override:
     * {@code enabled == false} → {@link #disabled()}; settings present → {@link #with}; {@code enabled
     * == true} → {@link #enabled()}; neither → {@link #inherit()}. Settings present thus mean "enabled
     * unless {@code enabled: false}".
     */
    static <B> ModuleOverride<B> of(@Nullable Boolean enabled, @Nullable UnaryOperator<B> settings) {
        if (Boolean.FALSE.equals(enabled)) {
            return disabled();
        }
        if (settings != null) {
            return with(settings);
        }
        return Boolean.TRUE.equals(enabled) ? enabled() : inherit();
    }

    /** The level of the 4-level rule this override sits at: 1 disabled, 2 settings, 3 enabled, 4 inherit. */
    int level();

    /**
     * Applies the 4-level rule to one module.
     *
     * @param enabled whether the module is on so far (the global flag, or the earlier layers' outcome); used at level 4
     * @param resolved the settings so far (the global ones, or the earlier layers' outcome)
     * @param kind the module, whose builder applies level-2 changes
     * @return the effective settings, or empty when the module is off
     * @throws io.arcllm.ArcLlmConfigException if level-2 changes produce invalid settings
     */
    <C> Optional<C> resolve(boolean enabled, C resolved, ModuleKind<C, B> kind);

    /** Level 1. */
    enum Disabled implements ModuleOverride<Object> {
        /** The only instance. */
        INSTANCE;

        @Override
        public int level() {
            return 1;
        }

        @Override
        public <C> Optional<C> resolve(boolean enabled, C resolved, ModuleKind<C, Object> kind) {
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "disabled";
        }
    }

    /**
     * Level 2.
     *
     * @param settings changes applied over the global settings
     */
    record WithSettings<B>(UnaryOperator<B> settings) implements ModuleOverride<B> {

        /** @throws NullPointerException if {@code settings} is null */
        public WithSettings {
            Objects.requireNonNull(settings, "settings");
        }

        @Override
        public int level() {
            return 2;
        }

        @Override
        public <C> Optional<C> resolve(boolean enabled, C resolved, ModuleKind<C, B> kind) {
            return Optional.of(kind.change(resolved, settings));
        }

        @Override
        public String toString() {
            return "enabled with settings";
        }
    }

    /** Level 3. */
    enum Enabled implements ModuleOverride<Object> {
        /** The only instance. */
        INSTANCE;

        @Override
        public int level() {
            return 3;
        }

        @Override
        public <C> Optional<C> resolve(boolean enabled, C resolved, ModuleKind<C, Object> kind) {
            return Optional.of(resolved);
        }

        @Override
        public String toString() {
            return "enabled";
        }
    }

    /** Level 4. */
    enum Inherit implements ModuleOverride<Object> {
        /** The only instance. */
        INSTANCE;

        @Override
        public int level() {
            return 4;
        }

        @Override
        public <C> Optional<C> resolve(boolean enabled, C resolved, ModuleKind<C, Object> kind) {
            return enabled ? Optional.of(resolved) : Optional.empty();
        }

        @Override
        public String toString() {
            return "inherit";
        }
    }
}
