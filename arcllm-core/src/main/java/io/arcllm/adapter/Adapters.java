package io.arcllm.adapter;

import io.arcllm.adapter.internal.AnthropicAdapter;
import io.arcllm.adapter.internal.OpenAiAdapter;
import java.util.function.Function;

import io.arcllm.LlmProvider;
import io.arcllm.config.ApiKey;
import io.arcllm.config.ProviderSettings;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.client.WebClient;

/** Creates the adapter for a provider's {@link io.arcllm.config.ApiFormat}. */
public final class Adapters {

    private Adapters() {
    }

    /**
     * Creates an adapter.
     *
     * @param model the model to use; null for {@link ProviderSettings#defaultModel()}
     * @param webClientBuilder a builder to clone and customize (never mutated)
     * @param env looks up environment variables for the API key ({@code System::getenv} in production)
     * @return a new adapter owning a connection pool; close it when done
     * @throws io.arcllm.ArcLlmConfigException if a provider that requires an API key has none (the message names
     *     the environment variable), or the settings name an unknown dialect; a key-optional provider
     *     ({@link ProviderSettings#keyRequired()} false) without a key starts and sends no authentication
     */
    public static LlmProvider create(ProviderSettings settings, @Nullable String model,
                                     WebClient.Builder webClientBuilder, Function<String, String> env) {
        String modelName = model == null || model.isBlank() ? settings.defaultModel() : model;
        ApiKey apiKey = settings.resolveOptionalApiKey(env).orElse(null);
        return switch (settings.apiFormat()) {
            case ANTHROPIC -> new AnthropicAdapter(settings, modelName, webClientBuilder, apiKey);
            case OPENAI -> new OpenAiAdapter(settings, modelName, webClientBuilder, apiKey);
        };
    }

    /** Creates an adapter with a fresh {@link WebClient.Builder}, reading the key from the process environment. */
    public static LlmProvider create(ProviderSettings settings, @Nullable String model) {
        return create(settings, model, WebClient.builder(), System::getenv);
    }
}
