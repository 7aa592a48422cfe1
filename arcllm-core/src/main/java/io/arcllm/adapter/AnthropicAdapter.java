package io.arcllm.adapter;

import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.config.ApiKey;
import io.arcllm.config.ProviderSettings;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/** PLACEHOLDER until the adapter lands: compiles against the final constructor. */
public class AnthropicAdapter implements LlmProvider {

    private final ProviderSettings settings;
    private final String modelName;

    public AnthropicAdapter(ProviderSettings settings, String modelName, WebClient.Builder webClientBuilder, ApiKey apiKey) {
        this.settings = settings;
        this.modelName = modelName;
    }

    @Override
    public String name() {
        return settings.id();
    }

    @Override
    public String modelName() {
        return modelName;
    }

    @Override
    public Mono<LlmResponse> invoke(LlmRequest request) {
        return Mono.error(new UnsupportedOperationException("placeholder"));
    }
}
