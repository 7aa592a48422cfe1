/**
 * Telemetry with Micrometer: the {@link io.arcllm.telemetry.TelemetryModule} (one
 * {@code gen_ai.client.operation} observation per logical call, named and tagged after the OpenTelemetry
 * GenAI semantic conventions), token and cost meters, and the retry and fallback counters
 * ({@link io.arcllm.telemetry.ArcLlmTelemetry}).
 *
 * <p>Every class in this package needs Micrometer ({@code micrometer-observation}, and {@code micrometer-core}
 * for meters), an optional dependency of {@code arcllm-core}; no class outside it refers to Micrometer, so an
 * application without Micrometer never loads them.
 */
package io.arcllm.telemetry;
