package io.arcllm.config;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Which modules one provider gets, and with which settings: the outcome of the 4-level rule
 * (see {@link ModuleOverride}) applied to the global {@link ModuleDefaults} and any number of
 * override layers.
 *
 * @param retry the effective retry settings, or null when retry is off
 * @param fallback the effective fallback settings, or null when fallback is off
 * @param telemetry the effective telemetry settings, or null when telemetry is off
 */
public record ModuleResolution(@Nullable RetryConfig retry, @Nullable FallbackConfig fallback,
                               @Nullable TelemetryConfig telemetry) {

    /** Retry and fallback as given; telemetry off. */
    public ModuleResolution(@Nullable RetryConfig retry, @Nullable FallbackConfig fallback) {
        this(retry, fallback, null);
    }

    /**
     * Resolves the modules of one provider. Layers are applied in order, each over the result of the
     * ones before, so a later layer wins: typically the provider's own configuration, then the call's
     * options. For each layer, "inherit" keeps what the earlier layers resolved, {@code false} turns the
     * module off, {@code true} turns it on with the settings resolved so far, and settings are applied
     * over the settings resolved so far. Turning a module off forgets earlier layers' settings, so a
     * later {@code true} starts again from the global ones.
     *
     * @throws io.arcllm.ArcLlmConfigException if a layer's settings are invalid
     */
    public static ModuleResolution resolve(ModuleDefaults global, LoadOptions... layers) {
        boolean retryOn = global.retryEnabled();
        RetryConfig retry = global.retry();
        boolean fallbackOn = global.fallbackEnabled();
        FallbackConfig fallback = global.fallback();
        boolean telemetryOn = global.telemetryEnabled();
        TelemetryConfig telemetry = global.telemetry();
        for (LoadOptions layer : layers) {
            Optional<RetryConfig> r = layer.retry().resolve(retryOn, retry, RetryConfig::toBuilder,
                    RetryConfig.Builder::build);
            retryOn = r.isPresent();
            retry = r.orElse(global.retry());
            Optional<FallbackConfig> f = layer.fallback().resolve(fallbackOn, fallback, FallbackConfig::toBuilder,
                    FallbackConfig.Builder::build);
            fallbackOn = f.isPresent();
            fallback = f.orElse(global.fallback());
            Optional<TelemetryConfig> t = layer.telemetry().resolve(telemetryOn, telemetry, TelemetryConfig::toBuilder,
                    TelemetryConfig.Builder::build);
            telemetryOn = t.isPresent();
            telemetry = t.orElse(global.telemetry());
        }
        return new ModuleResolution(retryOn ? retry : null, fallbackOn ? fallback : null, telemetryOn ? telemetry : null);
    }

    /** The retry settings, if retry is on. */
    public Optional<RetryConfig> retryConfig() {
        return Optional.ofNullable(retry);
    }

    /** The fallback settings, if fallback is on. */
    public Optional<FallbackConfig> fallbackConfig() {
        return Optional.ofNullable(fallback);
    }

    /** The telemetry settings, if telemetry is on. */
    public Optional<TelemetryConfig> telemetryConfig() {
        return Optional.ofNullable(telemetry);
    }

    /** Whether neither retry nor fallback is on (telemetry, which only observes, does not count). */
    public boolean isEmpty() {
        return retry == null && fallback == null;
    }
}
