package io.arcllm.autoconfigure;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/** Two WireMock servers standing in for Anthropic and OpenAI, with answers in their real wire formats. */
final class WireMockProviders {

    static final String ANTHROPIC_KEY = "sk-ant-wiremock-FAKE-5e1d0c";
    static final String OPENAI_KEY = "sk-openai-wiremock-FAKE-9a7b3f";

    static final String ANTHROPIC_ANSWER = """
            {"id": "msg_01", "type": "message", "role": "assistant", "model": "claude-sonnet-4-20250514",
             "content": [{"type": "text", "text": "4"}], "stop_reason": "end_turn",
             "usage": {"input_tokens": 12, "output_tokens": 1}}""";

    static final String OPENAI_ANSWER = """
            {"id": "chatcmpl-01", "object": "chat.completion", "model": "gpt-4o-2024-08-06",
             "choices": [{"index": 0, "message": {"role": "assistant", "content": "four"}, "finish_reason": "stop"}],
             "usage": {"prompt_tokens": 12, "completion_tokens": 1, "total_tokens": 13}}""";

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
        return json(status, "{\"type\": \"error\", \"error\": {\"type\": \"overloaded_error\", \"message\": \"try later\"}}");
    }

    /** The application under test: just Boot's auto-configuration, ArcLLM's included. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class TestApplication {
    }
}
