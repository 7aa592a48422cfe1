package io.arcllm.module;

import io.arcllm.LlmProvider;
import io.arcllm.config.ProviderCatalog;
import io.arcllm.config.TelemetryConfig;

/**
 * Adds the outermost, observing layer to a provider stack: the telemetry module. This interface is free of
 * Micrometer so that {@link io.arcllm.ProviderRegistry} never loads Micrometer classes unless it is given an
 * implementation; {@code io.arcllm.telemetry.ArcLlmTelemetry} is the Micrometer one.
 */
public interface Instrumentation {

    /** The telemetry module's name, as {@code arcllm.modules.telemetry} and {@link io.arcllm.config.TelemetryConfig#KIND} use it. */
    String NAME = "telemetry";

    /**
     * Wraps a provider stack (its modules already applied) in the telemetry module.
     *
     * @param provider the stack to observe; its {@link LlmProvider#name()} is the provider id
     * @param config the settings resolved for this provider
     * @param catalog the providers' model metadata, for prices
     * @param listener told of every observed call ({@link ModuleListener#onCall})
     */
    LlmProvider instrument(LlmProvider provider, TelemetryConfig config, ProviderCatalog catalog, ModuleListener listener);

    /**
     * Hears the retry and fallback events of the stacks it observes (to count them, and to tie them to the
     * call's observation); {@link ModuleListener#NONE} by default.
     */
    default ModuleListener listener() {
        return ModuleListener.NONE;
    }
}
