/**
 * Provider JSON as the real APIs write it (Anthropic Messages, OpenAI Chat Completions): answers, tool calls,
 * errors and rate-limit headers. Depends on {@code arcllm-core} and Jackson only; no class here refers to
 * WireMock, JUnit or Spring, so code that only needs the JSON (a demo simulator) can exclude those.
 */
package io.arcllm.test.wire;
