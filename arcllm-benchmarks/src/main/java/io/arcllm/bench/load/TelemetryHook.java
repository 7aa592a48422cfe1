package io.arcllm.bench.load;

import io.arcllm.ProviderRegistry;
import io.arcllm.telemetry.ArcLlmTelemetry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * How telemetry joins the benchmarked "full stack": {@link #REGISTRY} turns the telemetry module on in the
 * registry ({@code ArcLlmTelemetry} over a {@link SimpleMeterRegistry}), so the stack measured is
 * {@code Telemetry -> Retry -> Fallback -> Adapter}, as an application with Micrometer gets it.
 */
@FunctionalInterface
public interface TelemetryHook {

    /** Telemetry on in the registry, recording into an in-memory meter registry. */
    TelemetryHook REGISTRY = registry -> registry.telemetry(ArcLlmTelemetry.of(new SimpleMeterRegistry()));

    /** No telemetry. */
    TelemetryHook NONE = registry -> registry;

    /** Configures the registry the full stack is loaded from. */
    ProviderRegistry.Builder apply(ProviderRegistry.Builder registry);
}
