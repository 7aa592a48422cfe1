/**
 * Telemetry with Micrometer: one {@code gen_ai.client.operation} observation per logical call, named and tagged
 * after the OpenTelemetry GenAI semantic conventions, token and cost meters, and the retry, fallback, circuit
 * and rate-limit counters.
 *
 * <p>Supported API: {@link io.arcllm.telemetry.ArcLlmTelemetry} (give it to
 * {@link io.arcllm.ProviderRegistry.Builder#telemetry}; Spring Boot does so for you), the observation convention
 * a user may replace or extend ({@link io.arcllm.telemetry.LlmObservationConvention},
 * {@link io.arcllm.telemetry.DefaultLlmObservationConvention}, {@link io.arcllm.telemetry.LlmObservationContext},
 * and the names in {@link io.arcllm.telemetry.LlmObservationDocumentation}), {@link io.arcllm.telemetry.GenAiMeterFilter}
 * and {@link io.arcllm.telemetry.RateLimitMeters}. {@code TelemetryModule} is the module the registry stacks;
 * applications do not construct it.
 *
 * <p>Every class in this package needs Micrometer ({@code micrometer-observation}, and {@code micrometer-core}
 * for meters), an optional dependency of {@code arcllm-core}; no class outside it refers to Micrometer, so an
 * application without Micrometer never loads them. Thread-safe.
 */
package io.arcllm.telemetry;
