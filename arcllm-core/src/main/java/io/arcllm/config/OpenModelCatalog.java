package io.arcllm.config;

/**
 * The built-in catalog entries of the OpenAI-compatible providers. Each names its OpenAI dialect (see
 * {@code io.arcllm.adapter.internal.OpenAiDialect}). Prices are USD per 1M tokens as each provider published them
 * (December 2025); a model whose limits or prices are not published has no metadata, so its requests use
 * {@link ProviderSettings#DEFAULT_MAX_TOKENS} and report no cost. Local servers (Ollama, vLLM) cost nothing
 * and need no key; their output limit is a conservative 8,192 tokens, as it depends on the model served.
 */
final class OpenModelCatalog {

    /** Output limit assumed where a provider publishes none per model. */
    private static final int UNPUBLISHED_OUTPUT_LIMIT = 8_192;

    private OpenModelCatalog() {
    }

    /** Ollama's OpenAI-compatible endpoint on the local machine; no key. */
    static ProviderSettings ollama() {
        return ProviderSettings.builder("ollama", ApiFormat.OPENAI)
                .baseUrl("http://localhost:11434")
                .apiKeyEnv("OLLAMA_API_KEY")
                .keyRequired(false)
                .dialect("ollama")
                .defaultModel("llama3.2")
                .model("llama3.2", local(131_072, false))
                .model("llama3.1", local(131_072, false))
                .model("qwen2.5", local(32_768, false))
                .model("gemma3", local(131_072, true))
                .build();
    }

    /** A vLLM server ({@code vllm serve}) on the local machine; no key unless started with {@code --api-key}. */
    static ProviderSettings vllm() {
        return ProviderSettings.builder("vllm", ApiFormat.OPENAI)
                .baseUrl("http://localhost:8000")
                .apiKeyEnv("VLLM_API_KEY")
                .keyRequired(false)
                .dialect("vllm")
                .defaultModel("meta-llama/Llama-3.1-8B-Instruct")
                .model("meta-llama/Llama-3.1-8B-Instruct", local(131_072, false))
                .build();
    }

    /** Groq's OpenAI-compatible API. */
    static ProviderSettings groq() {
        return ProviderSettings.builder("groq", ApiFormat.OPENAI)
                .baseUrl("https://api.groq.com/openai")
                .apiKeyEnv("GROQ_API_KEY")
                .dialect("groq")
                .defaultModel("llama-3.3-70b-versatile")
                .model("llama-3.3-70b-versatile", new ModelMetadata(131_072, 32_768, true, false, false, 0.59, 0.79, 0, 0))
                .model("llama-3.1-8b-instant", new ModelMetadata(131_072, 131_072, true, false, false, 0.05, 0.08, 0, 0))
                .build();
    }

    /** Together AI's OpenAI-compatible API. */
    static ProviderSettings together() {
        return ProviderSettings.builder("together", ApiFormat.OPENAI)
                .baseUrl("https://api.together.ai")
                .apiKeyEnv("TOGETHER_API_KEY")
                .dialect("together")
                .defaultModel("meta-llama/Llama-3.3-70B-Instruct-Turbo")
                .model("meta-llama/Llama-3.3-70B-Instruct-Turbo",
                        new ModelMetadata(131_072, UNPUBLISHED_OUTPUT_LIMIT, true, false, false, 0.88, 0.88, 0, 0))
                .model("Qwen/Qwen2.5-72B-Instruct-Turbo",
                        new ModelMetadata(32_768, UNPUBLISHED_OUTPUT_LIMIT, true, false, false, 1.20, 1.20, 0, 0))
                .build();
    }

    /** Mistral AI's chat completions API. */
    static ProviderSettings mistral() {
        return ProviderSettings.builder("mistral", ApiFormat.OPENAI)
                .baseUrl("https://api.mistral.ai")
                .apiKeyEnv("MISTRAL_API_KEY")
                .dialect("mistral")
                .defaultModel("mistral-large-latest")
                .model("mistral-large-latest",
                        new ModelMetadata(131_072, UNPUBLISHED_OUTPUT_LIMIT, true, false, false, 2.00, 6.00, 0, 0))
                .model("mistral-small-latest",
                        new ModelMetadata(131_072, UNPUBLISHED_OUTPUT_LIMIT, true, true, false, 0.10, 0.30, 0, 0))
                .model("codestral-latest",
                        new ModelMetadata(262_144, UNPUBLISHED_OUTPUT_LIMIT, true, false, false, 0.30, 0.90, 0, 0))
                .build();
    }

    /** DeepSeek's API. Cache hits are billed at the cache-read price; there is no separate write price. */
    static ProviderSettings deepSeek() {
        return ProviderSettings.builder("deepseek", ApiFormat.OPENAI)
                .baseUrl("https://api.deepseek.com")
                .apiKeyEnv("DEEPSEEK_API_KEY")
                .dialect("deepseek")
                .defaultModel("deepseek-chat")
                .model("deepseek-chat", new ModelMetadata(131_072, 8_192, true, false, false, 0.28, 0.42, 0.028, 0))
                .model("deepseek-reasoner", new ModelMetadata(131_072, 65_536, true, false, true, 0.28, 0.42, 0.028, 0))
                .build();
    }

    /** Fireworks AI's OpenAI-compatible inference API. */
    static ProviderSettings fireworks() {
        return ProviderSettings.builder("fireworks", ApiFormat.OPENAI)
                .baseUrl("https://api.fireworks.ai/inference")
                .apiKeyEnv("FIREWORKS_API_KEY")
                .dialect("fireworks")
                .defaultModel("accounts/fireworks/models/llama-v3p3-70b-instruct")
                .model("accounts/fireworks/models/llama-v3p3-70b-instruct",
                        new ModelMetadata(131_072, UNPUBLISHED_OUTPUT_LIMIT, true, false, false, 0.90, 0.90, 0, 0))
                .build();
    }

    /**
     * Hugging Face's OpenAI-compatible router to its inference providers. Prices depend on the provider the
     * router picks, so the catalog has no metadata for it.
     */
    static ProviderSettings huggingFace() {
        return ProviderSettings.builder("huggingface", ApiFormat.OPENAI)
                .baseUrl("https://router.huggingface.co")
                .apiKeyEnv("HF_TOKEN")
                .dialect("huggingface")
                .defaultModel("meta-llama/Llama-3.3-70B-Instruct")
                .build();
    }

    private static ModelMetadata local(int contextWindow, boolean vision) {
        return new ModelMetadata(contextWindow, UNPUBLISHED_OUTPUT_LIMIT, true, vision, false, 0, 0, 0, 0);
    }
}
