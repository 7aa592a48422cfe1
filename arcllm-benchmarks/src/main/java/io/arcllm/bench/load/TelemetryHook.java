package io.arcllm.bench.load;

import io.arcllm.LlmProvider;

/**
 * Where telemetry joins the benchmarked "full stack". DESIGN.md stacks modules as
 * {@code Telemetry → Retry → Fallback → Adapter}; the telemetry module does not exist yet, so
 * {@link #NONE} leaves the retry-and-fallback stack as it is. When it lands, pass a hook that wraps the
 * stack in it (outermost) to {@link BenchClients#arcLlmFullStack(java.net.URI, TelemetryHook)}, or turn it
 * on in the registry there, and the table's "full stack" row includes it.
 */
@FunctionalInterface
public interface TelemetryHook {

    /** No telemetry: the stack is returned unchanged. */
    TelemetryHook NONE = stack -> stack;

    /** Wraps the retry-and-fallback stack; the result is what the benchmark calls. */
    LlmProvider wrap(LlmProvider retryAndFallbackStack);
}
