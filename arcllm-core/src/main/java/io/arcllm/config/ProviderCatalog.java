package io.arcllm.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The providers known by id, each with its {@link ProviderSettings}: API format, base URL, key variable,
 * default model and model metadata. {@link #builtIn()} holds the providers ArcLLM ships with. Immutable and
 * thread-safe; {@link #with(ProviderSettings)} derives a catalog with a provider added or replaced.
 */
public final class ProviderCatalog {

    private static final ProviderCatalog BUILT_IN = new ProviderCatalog(Map.of(
            "anthropic", anthropic(),
            "openai", openAi(),
            "ollama", OpenModelCatalog.ollama(),
            "vllm", OpenModelCatalog.vllm(),
            "groq", OpenModelCatalog.groq(),
            "together", OpenModelCatalog.together(),
            "mistral", OpenModelCatalog.mistral(),
            "deepseek", OpenModelCatalog.deepSeek(),
            "fireworks", OpenModelCatalog.fireworks(),
            "huggingface", OpenModelCatalog.huggingFace()));

    private final Map<String, ProviderSettings> providers;

    private ProviderCatalog(Map<String, ProviderSettings> providers) {
        this.providers = Collections.unmodifiableMap(new LinkedHashMap<>(providers));
    }

    /**
     * The providers ArcLLM knows out of the box: {@code anthropic}, {@code openai}, and the OpenAI-compatible
     * {@code deepseek}, {@code fireworks}, {@code groq}, {@code huggingface}, {@code mistral}, {@code together},
     * plus the key-optional local servers {@code ollama} and {@code vllm}.
     */
    public static ProviderCatalog builtIn() {
        return BUILT_IN;
    }

    /** A catalog of exactly these providers. */
    public static ProviderCatalog of(Map<String, ProviderSettings> providers) {
        return new ProviderCatalog(providers);
    }

    /** The settings for an id, if known. */
    public Optional<ProviderSettings> find(String id) {
        return Optional.ofNullable(providers.get(id));
    }

    /** The known ids, in a stable order. */
    public Set<String> ids() {
        return new java.util.TreeSet<>(providers.keySet());
    }

    /** This catalog with {@code settings} added, or replacing the provider of the same id. */
    public ProviderCatalog with(ProviderSettings settings) {
        Map<String, ProviderSettings> copy = new LinkedHashMap<>(providers);
        copy.put(settings.id(), settings);
        return new ProviderCatalog(copy);
    }

    /** Built-in Anthropic defaults. Prices: USD per 1M tokens as published by Anthropic. */
    static ProviderSettings anthropic() {
        ModelMetadata sonnet = new ModelMetadata(200_000, 64_000, true, true, true, 3.00, 15.00, 0.30, 3.75);
        return ProviderSettings.builder("anthropic", ApiFormat.ANTHROPIC)
                .baseUrl("https://api.anthropic.com")
                .apiKeyEnv("ANTHROPIC_API_KEY")
                .defaultModel("claude-sonnet-4-20250514")
                .model("claude-sonnet-4-20250514", sonnet)
                .model("claude-sonnet-4-5-20250929", sonnet)
                .model("claude-opus-4-1-20250805",
                        new ModelMetadata(200_000, 32_000, true, true, true, 15.00, 75.00, 1.50, 18.75))
                .model("claude-haiku-4-5-20251001",
                        new ModelMetadata(200_000, 64_000, true, true, true, 1.00, 5.00, 0.10, 1.25))
                .model("claude-3-5-haiku-20241022",
                        new ModelMetadata(200_000, 8_192, true, true, false, 0.80, 4.00, 0.08, 1.00))
                .build();
    }

    /** Built-in OpenAI defaults. Prices: USD per 1M tokens as published by OpenAI; cache writes are free there. */
    static ProviderSettings openAi() {
        return ProviderSettings.builder("openai", ApiFormat.OPENAI)
                .baseUrl("https://api.openai.com")
                .apiKeyEnv("OPENAI_API_KEY")
                .defaultModel("gpt-4o")
                .model("gpt-4o", new ModelMetadata(128_000, 16_384, true, true, false, 2.50, 10.00, 1.25, 0))
                .model("gpt-4o-mini", new ModelMetadata(128_000, 16_384, true, true, false, 0.15, 0.60, 0.075, 0))
                .model("gpt-4.1", new ModelMetadata(1_047_576, 32_768, true, true, false, 2.00, 8.00, 0.50, 0))
                .model("o3", new ModelMetadata(200_000, 100_000, true, true, true, 2.00, 8.00, 0.50, 0))
                .build();
    }
}
