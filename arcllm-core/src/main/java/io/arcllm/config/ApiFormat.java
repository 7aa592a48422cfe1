package io.arcllm.config;

/** The wire protocol a provider speaks; several provider ids may share one. */
public enum ApiFormat {
    /** Anthropic Messages API ({@code POST /v1/messages}). */
    ANTHROPIC,
    /** OpenAI Chat Completions ({@code POST /v1/chat/completions}), also spoken by many compatible servers. */
    OPENAI
}
