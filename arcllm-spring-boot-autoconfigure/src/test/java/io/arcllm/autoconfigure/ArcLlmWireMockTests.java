package io.arcllm.autoconfigure;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.arcllm.ArcLlmApiException;
import io.arcllm.LlmProvider;
import io.arcllm.LlmResponse;
import io.arcllm.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.arcllm.autoconfigure.WireMockProviders.ANTHROPIC_ANSWER;
import static io.arcllm.autoconfigure.WireMockProviders.ANTHROPIC_KEY;
import static io.arcllm.autoconfigure.WireMockProviders.OPENAI_ANSWER;
import static io.arcllm.autoconfigure.WireMockProviders.OPENAI_KEY;
import static io.arcllm.autoconfigure.WireMockProviders.error;
import static io.arcllm.autoconfigure.WireMockProviders.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The starter end to end: {@code application-wiremock.yml} turns retry on (2 retries, 10 ms backoff) and gives
 * the anthropic bean a fallback chain to openai, walked after anthropic's retries are exhausted; the injected
 * {@code LlmProvider} talks to two WireMock servers.
 */
@SpringBootTest(classes = WireMockProviders.TestApplication.class)
@Import(ArcLlmWireMockTests.CustomizerConfiguration.class)
@ActiveProfiles("wiremock")
class ArcLlmWireMockTests {

    @RegisterExtension
    static final WireMockExtension anthropic = WireMockProviders.server();

    @RegisterExtension
    static final WireMockExtension openai = WireMockProviders.server();

    @DynamicPropertySource
    static void baseUrls(DynamicPropertyRegistry registry) {
        WireMockProviders.baseUrls(registry, anthropic, openai);
    }

    @Autowired
    LlmProvider model;

    private final List<Message> question = List.of(Message.user("What is 2 + 2?"));

    @BeforeEach
    void reset() {
        anthropic.resetAll();
        openai.resetAll();
    }

    @Test
    void retriesA429ThenSucceeds() {
        anthropic.stubFor(post("/v1/messages").inScenario("busy").whenScenarioStateIs(STARTED)
                .willReturn(error(429)).willSetStateTo("free"));
        anthropic.stubFor(post("/v1/messages").inScenario("busy").whenScenarioStateIs("free")
                .willReturn(json(200, ANTHROPIC_ANSWER)));

        LlmResponse answer = model.invoke(question).block(Duration.ofSeconds(5));

        assertThat(answer.content()).isEqualTo("4");
        assertThat(answer.usage().inputTokens()).isEqualTo(12);
        anthropic.verify(2, postRequestedFor(urlEqualTo("/v1/messages"))
                .withHeader("x-api-key", equalTo(ANTHROPIC_KEY))
                .withHeader("anthropic-version", equalTo("2023-06-01"))
                .withHeader("X-Customized-By", equalTo("application"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("claude-sonnet-4-20250514")))
                .withRequestBody(matchingJsonPath("$.max_tokens", equalTo("256")))
                .withRequestBody(matchingJsonPath("$.temperature", equalTo("0.2")))
                .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("user"))));
        assertThat(openai.getAllServeEvents()).isEmpty();
    }

    @Test
    void primary500FallsBackToOpenAiOnceItsRetriesAreExhausted() {
        anthropic.stubFor(post("/v1/messages").willReturn(error(500)));
        openai.stubFor(post("/v1/chat/completions").willReturn(json(200, OPENAI_ANSWER)));

        LlmResponse answer = model.invoke(question).block(Duration.ofSeconds(5));

        assertThat(answer.content()).isEqualTo("four");
        assertThat(answer.model()).isEqualTo("gpt-4o-2024-08-06");
        anthropic.verify(3, postRequestedFor(urlEqualTo("/v1/messages")));
        openai.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withHeader("Authorization", equalTo("Bearer " + OPENAI_KEY))
                .withHeader("X-Customized-By", equalTo("application"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-4o")))
                .withRequestBody(matchingJsonPath("$.max_completion_tokens", equalTo("256")))
                .withRequestBody(matchingJsonPath("$.messages[0].content", equalTo("What is 2 + 2?"))));
    }

    @Test
    void whenEveryProviderKeepsFailingEachIsAttemptedMaxRetriesPlusOneTimesAndThePrimaryErrorSurfaces() {
        anthropic.stubFor(post("/v1/messages").willReturn(error(503)));
        openai.stubFor(post("/v1/chat/completions").willReturn(error(502)));

        assertThatThrownBy(() -> model.invoke(question).block(Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(ArcLlmApiException.class, e -> {
                    assertThat(e.provider()).isEqualTo("anthropic");
                    assertThat(e.statusCode()).isEqualTo(503);
                });
        anthropic.verify(3, postRequestedFor(urlEqualTo("/v1/messages")));
        openai.verify(3, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    @org.springframework.boot.test.context.TestConfiguration(proxyBeanMethods = false)
    static class CustomizerConfiguration {
        @Bean
        WebClientCustomizer markRequests() {
            return builder -> builder.defaultHeader("X-Customized-By", "application");
        }
    }
}
