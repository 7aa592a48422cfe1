package io.arcllm.walkthrough;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.Message;
import io.arcllm.ProviderRegistry;
import io.arcllm.StopReason;
import io.arcllm.adapter.internal.AnthropicAdapter;
import io.arcllm.config.LoadOptions;
import io.arcllm.config.ProviderCatalog;
import io.arcllm.module.internal.RetryModule;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Walkthrough §11: the same agent code runs unchanged with and without modules, through the real
 * Anthropic adapter (and the OpenAI one as fallback) against a local stub of their HTTP APIs.
 */
class Section11AgentCodeUnchangedTests {

    @RegisterExtension
    static final WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String ANTHROPIC_OK = """
            {"id": "msg_test", "type": "message", "role": "assistant",
             "model": "claude-sonnet-4-20250514",
             "content": [{"type": "text", "text": "Hello from the adapter!"}],
             "stop_reason": "end_turn",
             "usage": {"input_tokens": 10, "output_tokens": 5}}
            """;
    private static final String OPENAI_OK = """
            {"id": "chatcmpl-1", "object": "chat.completion", "model": "gpt-4o",
             "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hello from OpenAI!"},
                          "finish_reason": "stop"}],
             "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15}}
            """;

    private ProviderRegistry registry;

    /** The walkthrough's {@code agent_invoke}: knows nothing about modules. */
    private static LlmResponse agentInvoke(LlmProvider model, String query) {
        LlmRequest request = LlmRequest.builder().message(Message.user(query)).maxTokens(50).temperature(0.0).build();
        return model.invoke(request).block(Duration.ofSeconds(10));
    }

    @BeforeEach
    void pointProvidersAtTheStub() {
        ProviderCatalog builtIn = ProviderCatalog.builtIn();
        ProviderCatalog local = builtIn
                .with(builtIn.find("anthropic").orElseThrow().toBuilder().baseUrl(api.baseUrl()).build())
                .with(builtIn.find("openai").orElseThrow().toBuilder().baseUrl(api.baseUrl()).build());
        registry = ProviderRegistry.builder().catalog(local).env(Keys.ENV).build();
        assumeRealAdapters();
    }

    /** Until the adapters land, the placeholder adapter cannot answer; skip rather than fail then. */
    private void assumeRealAdapters() {
        api.stubFor(post("/v1/messages").willReturn(okJson(ANTHROPIC_OK)));
        try (LlmProvider probe = registry.load("anthropic")) {
            probe.invoke(java.util.List.of(Message.user("probe"))).block(Duration.ofSeconds(10));
        } catch (UnsupportedOperationException e) {
            Assumptions.abort("AnthropicAdapter is still the placeholder: " + e.getMessage());
        }
        api.resetAll();
    }

    @Test
    void agentCodeIsIdenticalWithoutModulesWithRetryAndWithRetryPlusFallback() {
        api.stubFor(post("/v1/messages").willReturn(okJson(ANTHROPIC_OK)));

        LlmProvider plain = registry.load("anthropic");
        LlmProvider withRetry = registry.load("anthropic", null, LoadOptions.builder().retry(true).build());
        LlmProvider full = registry.load("anthropic", null,
                LoadOptions.builder().retry(true).fallback(f -> f.chain("openai")).build());

        for (LlmProvider model : java.util.List.of(plain, withRetry, full)) {
            LlmResponse response = agentInvoke(model, "Hello!");
            assertThat(response.content()).isEqualTo("Hello from the adapter!");
            assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
            assertThat(response.usage().totalTokens()).isEqualTo(15);
            model.close();
        }
        assertThat(io.arcllm.internal.ProviderHandle.unwrap(plain)).isExactlyInstanceOf(AnthropicAdapter.class);
        assertThat(withRetry).isInstanceOf(RetryModule.class);
        assertThat(full).isInstanceOf(RetryModule.class);
        api.verify(3, postRequestedFor(urlEqualTo("/v1/messages"))
                .withHeader("x-api-key", equalTo(Keys.ANTHROPIC_KEY))
                .withHeader("anthropic-version", equalTo("2023-06-01"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("claude-sonnet-4-20250514")))
                .withRequestBody(matchingJsonPath("$[?(@.max_tokens == 50)]"))
                .withRequestBody(matchingJsonPath("$[?(@.temperature == 0)]"))
                .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("user")))
                .withRequestBody(containing("Hello!")));
        api.verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    @Test
    void retryRidesOutAnOverloadedAnswerFromTheRealAdapter() {
        api.stubFor(post("/v1/messages").inScenario("overload").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(529).withHeader("Content-Type", "application/json")
                        .withBody("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"))
                .willSetStateTo("recovered"));
        api.stubFor(post("/v1/messages").inScenario("overload").whenScenarioStateIs("recovered")
                .willReturn(okJson(ANTHROPIC_OK)));

        try (LlmProvider model = registry.load("anthropic", null,
                LoadOptions.builder().retry(r -> r.backoffBase(Duration.ofMillis(5))).build())) {
            assertThat(agentInvoke(model, "Hello!").content()).isEqualTo("Hello from the adapter!");
        }
        api.verify(2, postRequestedFor(urlEqualTo("/v1/messages")));
    }

    @Test
    void fallbackAnswersFromOpenAiWhenAnthropicFails() {
        api.stubFor(post("/v1/messages").willReturn(aResponse().withStatus(500).withBody("{\"type\":\"error\"}")));
        api.stubFor(post("/v1/chat/completions").willReturn(okJson(OPENAI_OK)));

        try (LlmProvider model = registry.load("anthropic", null,
                LoadOptions.builder().retry(true).fallback(f -> f.chain("openai")).build())) {
            LlmResponse response = agentInvoke(model, "Hello!");
            assertThat(response.content()).isEqualTo("Hello from OpenAI!");
            assertThat(response.model()).isEqualTo("gpt-4o");
        }
        api.verify(1, postRequestedFor(urlEqualTo("/v1/messages")));
        api.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withHeader("Authorization", equalTo("Bearer " + Keys.OPENAI_KEY))
                .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-4o")))
                .withRequestBody(containing("Hello!")));
    }
}
