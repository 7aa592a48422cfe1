package io.arcllm.sample.chat;

import java.util.Map;

import io.arcllm.LlmProvider;
import io.arcllm.ProviderRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Wires the chat endpoint to the ArcLLM beans of the starter. */
@Configuration(proxyBeanMethods = false)
class ChatConfiguration {

    @Bean
    ChatRequestReader chatRequestReader(JsonMapper jsonMapper) {
        return new ChatRequestReader(jsonMapper);
    }

    @Bean
    ClientDisconnects clientDisconnects() {
        return new ClientDisconnects();
    }

    @Bean
    AcceptHeaderFilter acceptHeaderFilter() {
        return new AcceptHeaderFilter();
    }

    @Bean
    ProviderSelector providerSelector(LlmProvider primary, Map<String, LlmProvider> providers, ProviderRegistry registry) {
        return new ProviderSelector(primary, providers, registry);
    }
}
