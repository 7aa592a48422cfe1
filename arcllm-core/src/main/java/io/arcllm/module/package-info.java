/**
 * Modules: decorators around an {@link io.arcllm.LlmProvider} that add behaviour (retry, fallback, circuit
 * breaker, rate limit, deadline, request defaults, telemetry) without the calling code changing.
 * A {@link io.arcllm.ProviderRegistry} stacks them, in one fixed order, from the module settings in
 * {@code io.arcllm.config}; applications do not construct them.
 *
 * <p>Supported API: {@link io.arcllm.module.BaseModule} (the decorator base class, whose
 * {@code toString()} shows a stack), {@link io.arcllm.module.ModuleListener} (told of retries, fallbacks,
 * circuit transitions and calls), {@link io.arcllm.module.ProviderCircuit} (a provider's circuit breaker, as
 * {@link io.arcllm.ProviderRegistry#circuits()} shows it), {@link io.arcllm.module.JitterSource} (the retry
 * backoff's randomness) and {@link io.arcllm.module.Instrumentation} (the telemetry hook). The module
 * classes themselves live in {@code io.arcllm.module.internal}, which is not supported API and may change in
 * any release.
 */
package io.arcllm.module;
