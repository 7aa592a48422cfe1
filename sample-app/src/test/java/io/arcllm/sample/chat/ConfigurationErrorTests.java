package io.arcllm.sample.chat;

import static io.arcllm.sample.chat.ProblemAssertions.problem;
import static org.assertj.core.api.Assertions.assertThat;

import io.arcllm.sample.demo.DemoModeInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * A provider the app knows but cannot use: only Anthropic is configured (explicit base URL and key, so
 * no demo mode), OpenAI has no key. A request naming OpenAI is a configuration error, answered 500
 * with a detail that says how to fix it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "arcllm.providers.anthropic.base-url=http://127.0.0.1:9",
        "arcllm.providers.anthropic.api-key=sk-ant-test-0123456789",
        // Blank out a key this machine may have: OpenAI must stay unconfigured.
        "OPENAI_API_KEY="})
@AutoConfigureWebTestClient
class ConfigurationErrorTests {

    @Autowired
    private WebTestClient client;

    @Autowired
    private ApplicationContext context;

    @Test
    void providerWithoutApiKeyIs500SayingHowToConfigureIt() {
        JsonNode problem = problem(client.post().uri("/api/chat").contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{\"provider\": \"openai\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}")
                        .exchange(),
                500, "configuration-error", "ArcLLM configuration error", "sk-ant-test-0123456789");

        assertThat(problem.path("detail").asString()).contains("'openai'").contains("OPENAI_API_KEY")
                .contains("arcllm.providers.openai.api-key");
    }

    @Test
    void explicitBaseUrlForTheDefaultProviderMeansNoDemoSimulator() {
        assertThat(context.containsBean(DemoModeInitializer.SIMULATORS_BEAN)).isFalse();
        assertThat(context.getBean("anthropicLlmProvider").toString()).contains("AnthropicAdapter");
    }
}
