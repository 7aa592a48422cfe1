/**
 * The provider adapters and what they are made of: {@code BaseAdapter} (one HTTP call or stream per
 * attempt, error mapping, response size limits), the Anthropic and OpenAI-compatible adapters, their JSON
 * request writers and response and stream readers, SSE decoding and the Reactor Netty transport.
 *
 * <p>Internal: public only so that ArcLLM's own modules (and its benchmarks) can use it. Not supported API;
 * it may change in any release. Get adapters through {@link io.arcllm.ProviderRegistry} or
 * {@link io.arcllm.adapter.Adapters}.
 */
package io.arcllm.adapter.internal;
