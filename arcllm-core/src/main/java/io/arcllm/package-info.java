/**
 * ArcLLM's supported API: {@link io.arcllm.LlmProvider}, the one interface over every provider; its request
 * and response values ({@link io.arcllm.LlmRequest}, {@link io.arcllm.LlmResponse}, {@link io.arcllm.Message}
 * and the {@link io.arcllm.ContentBlock} types, {@link io.arcllm.Tool}, {@link io.arcllm.ToolCall},
 * {@link io.arcllm.Usage}, {@link io.arcllm.LlmStreamEvent}); the exceptions under
 * {@link io.arcllm.ArcLlmException}; and the two ways to get a provider without Spring,
 * {@link io.arcllm.ArcLlm} and {@link io.arcllm.ProviderRegistry}.
 *
 * <p>Values are immutable and thread-safe; collections they return are never null. Parameters are non-null
 * unless marked {@code @Nullable} (JSpecify).
 *
 * <p>Every type in the packages {@code io.arcllm}, {@code io.arcllm.adapter}, {@code io.arcllm.config},
 * {@code io.arcllm.module}, {@code io.arcllm.ratelimit} and {@code io.arcllm.telemetry} is supported API.
 * Packages named {@code internal} ({@code io.arcllm.internal}, {@code io.arcllm.adapter.internal}, ...) are
 * public only so that ArcLLM's own modules can share them: they are not supported and may change in any
 * release.
 */
package io.arcllm;
