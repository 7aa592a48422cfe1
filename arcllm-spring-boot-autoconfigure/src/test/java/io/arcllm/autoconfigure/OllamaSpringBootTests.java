package io.arcllm.autoconfigure;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.arcllm.LlmProvider;
import io.arcllm.LlmResponse;
import io.arcllm.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local Ollama with nothing but {@code arcllm.providers.ollama.base-url} configured: no key anywhere (the key
 * variables are blanked), the {@code ollama} bean is injected and talks to WireMock through Ollama's
 * OpenAI-compatible endpoint.
 */
@SpringBootTest(classes = WireMockProviders.TestApplication.class,
        properties = {"ANTHROPIC_API_KEY=", "OPENAI_API_KEY=", "OLLAMA_API_KEY="})
class OllamaSpringBootTests {

    @RegisterExtension
    static final WireMockExtension ollama = WireMockProviders.server();

    @DynamicPropertySource
    static void baseUrl(DynamicPropertyRegistry registry) {
        registry.add("arcllm.providers.ollama.base-url", ollama::baseUrl);
    }

    @Autowired
    @Qualifier("ollamaLlmProvider")
    LlmProvider model;

    @Autowired
    LlmProvider onlyProvider;

    @Test
    void theOllamaBeanAnswersWithoutAnyKey() {
        ollama.stubFor(post("/v1/chat/completions").willReturn(WireMockProviders.json(200, """
                {"id":"chatcmpl-580","object":"chat.completion","created":1723000000,"model":"llama3.2",
                 "system_fingerprint":"fp_ollama","choices":[{"index":0,"message":{"role":"assistant",
                 "content":"Hello from llama"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":26,"completion_tokens":4,"total_tokens":30}}""")));

        LlmResponse answer = model.invoke(List.of(Message.user("Hi"))).block(Duration.ofSeconds(5));

        assertThat(answer.content()).isEqualTo("Hello from llama");
        assertThat(model.name()).isEqualTo("ollama");
        assertThat(onlyProvider).as("the only provider bean").isSameAs(model);
        LoggedRequest sent = ollama.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))).get(0);
        assertThat(sent.containsHeader("Authorization")).isFalse();
        var body = JsonMapper.builder().build().readTree(sent.getBodyAsString());
        assertThat(body.get("model").stringValue()).isEqualTo("llama3.2");
        assertThat(body.get("max_tokens").intValue()).as("the modest default limit").isEqualTo(4096);
        assertThat(body.has("max_completion_tokens")).isFalse();
    }
}
