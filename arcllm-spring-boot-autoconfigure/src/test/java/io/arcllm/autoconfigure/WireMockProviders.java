package io.arcllm.autoconfigure;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.arcllm.config.ApiFormat;
import io.arcllm.test.wire.ProviderWire;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/** Two WireMock servers standing in for Anthropic and OpenAI, with answers in their real wire formats. */
final class WireMockProviders {

    static final String ANTHROPIC_KEY = "sk-ant-wiremock-FAKE-5e1d0c";
    static final String OPENAI_KEY = "sk-openai-wiremock-FAKE-9a7b3f";

    static final String ANTHROPIC_ANSWER = ProviderWire.of(ApiFormat.ANTHROPIC)
            .textAnswer("msg_01", "claude-sonnet-4-20250514", "4", 12, 1).toString();

    static final String OPENAI_ANSWER = ProviderWire.of(ApiFormat.OPENAI)
            .textAnswer("chatcmpl-01", "gpt-4o-2024-08-06", "four", 12, 1).toString();

    private WireMockProviders() {
    }

    static WireMockExtension server() {
        return WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    }

    static void baseUrls(DynamicPropertyRegistry registry, WireMockExtension anthropic, WireMockExtension openai) {
        registry.add("arcllm.providers.anthropic.base-url", anthropic::baseUrl);
        registry.add("arcllm.providers.openai.base-url", openai::baseUrl);
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    static ResponseDefinitionBuilder error(int status) {
        return json(status, ProviderWire.of(ApiFormat.ANTHROPIC).error(status, "try later").toString());
    }

    /** The application under test: just Boot's auto-configuration, ArcLLM's included. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class TestApplication {
    }
}
