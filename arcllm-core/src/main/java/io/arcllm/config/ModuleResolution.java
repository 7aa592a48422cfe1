package io.arcllm.config;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Which modules one provider gets, and with which settings: the outcome of the 4-level rule (see
 * {@link ModuleOverride}) applied to the global {@link ModuleDefaults} and any number of override layers.
 * Immutable.
 */
public final class ModuleResolution {

    /** The built-in modules, so they are described before any resolution. */
    private static final List<ModuleKind<?, ?>> BUILT_IN = List.of(RetryConfig.KIND, FallbackConfig.KIND, TelemetryConfig.KIND);

    private final Map<ModuleKind<?, ?>, Object> on;

    private ModuleResolution(Map<ModuleKind<?, ?>, Object> on) {
        this.on = Map.copyOf(on);
    }

    /**
     * Resolves the modules of one provider; this is the one merge function of the configuration. Layers
     * are applied in order, each over the result of the ones before, so a later layer wins: typically the
     * provider's own configuration, then the call's options. For each module and layer, "inherit" keeps what
     * the earlier layers resolved, {@code false} turns the module off, {@code true} turns it on with the
     * settings resolved so far, and changes are applied over the settings resolved so far. Turning a module
     * off forgets earlier layers' settings, so a later {@code true} starts again from the global ones.
     *
     * @throws io.arcllm.ArcLlmConfigException if a layer's settings are invalid
     */
    public static ModuleResolution resolve(ModuleDefaults global, LoadOptions... layers) {
        Set<ModuleKind<?, ?>> kinds = new LinkedHashSet<>(BUILT_IN);
        kinds.addAll(ModuleKind.all());
        kinds.addAll(global.kinds());
        for (LoadOptions layer : layers) {
            kinds.addAll(layer.kinds());
        }
        Map<ModuleKind<?, ?>, Object> on = new LinkedHashMap<>();
        for (ModuleKind<?, ?> kind : kinds) {
            resolveOne(kind, global, layers).ifPresent(config -> on.put(kind, config));
        }
        return new ModuleResolution(on);
    }

    private static <C, B> Optional<C> resolveOne(ModuleKind<C, B> kind, ModuleDefaults global, LoadOptions[] layers) {
        boolean enabled = global.enabled(kind);
        C settings = global.settings(kind);
        for (LoadOptions layer : layers) {
            Optional<C> resolved = layer.override(kind).resolve(enabled, settings, kind);
            enabled = resolved.isPresent();
            settings = resolved.orElse(global.settings(kind));
        }
        return enabled ? Optional.of(settings) : Optional.empty();
    }

    /** The settings of a module, if it is on. */
    @SuppressWarnings("unchecked")
    public <C> Optional<C> get(ModuleKind<C, ?> kind) {
        return Optional.ofNullable((C) on.get(kind));
    }

    /** The same resolution with these modules off. */
    public ModuleResolution without(ModuleKind<?, ?>... kinds) {
        Map<ModuleKind<?, ?>, Object> rest = new LinkedHashMap<>(on);
        Arrays.asList(kinds).forEach(rest::remove);
        return new ModuleResolution(rest);
    }

    /** The retry settings, or null when retry is off. */
    public @Nullable RetryConfig retry() {
        return get(RetryConfig.KIND).orElse(null);
    }

    /** The fallback settings, or null when fallback is off. */
    public @Nullable FallbackConfig fallback() {
        return get(FallbackConfig.KIND).orElse(null);
    }

    /** The telemetry settings, or null when telemetry is off. */
    public @Nullable TelemetryConfig telemetry() {
        return get(TelemetryConfig.KIND).orElse(null);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ModuleResolution that && on.equals(that.on);
    }

    @Override
    public int hashCode() {
        return on.hashCode();
    }

    @Override
    public String toString() {
        return "ModuleResolution" + on;
    }
}
