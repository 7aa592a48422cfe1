/**
 * Creating a provider's adapter, the innermost {@link io.arcllm.LlmProvider} of a stack that speaks one HTTP
 * API: {@link io.arcllm.adapter.Adapters#create} picks the adapter for a
 * {@link io.arcllm.config.ProviderSettings}' {@link io.arcllm.config.ApiFormat}. It is the default
 * {@link io.arcllm.ProviderRegistry.AdapterFactory}; a factory of your own can delegate to it for the ids it
 * does not serve.
 *
 * <p>Supported API. The adapters themselves (Anthropic Messages, OpenAI Chat Completions and its compatible
 * dialects), their request writers, response and stream readers and the HTTP transport live in
 * {@code io.arcllm.adapter.internal}, which is not supported API and may change in any release.
 */
package io.arcllm.adapter;
