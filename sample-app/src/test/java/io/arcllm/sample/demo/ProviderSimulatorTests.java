package io.arcllm.sample.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import io.arcllm.ArcLlmApiException;
import io.arcllm.ArcLlmParseException;
import io.arcllm.ArcLlmTimeoutException;
import io.arcllm.ArcLlmTransportException;
import io.arcllm.ContentBlock;
import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.Message;
import io.arcllm.StopReason;
import io.arcllm.TextBlock;
import io.arcllm.adapter.Adapters;
import io.arcllm.config.ApiFormat;
import io.arcllm.config.ProviderCatalog;
import io.arcllm.config.ProviderSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

/** The simulators speak the real wire formats: ArcLLM's own adapters talk to them unchanged. */
class ProviderSimulatorTests {

    private static ProviderSimulator anthropicApi;
    private static ProviderSimulator openAiApi;
    private static LlmProvider anthropic;
    private static LlmProvider openai;

    @BeforeAll
    static void start() {
        anthropicApi = ProviderSimulator.start(ApiFormat.ANTHROPIC);
        openAiApi = ProviderSimulator.start(ApiFormat.OPENAI);
        anthropic = adapter("anthropic", anthropicApi, Duration.ofSeconds(5));
        openai = adapter("openai", openAiApi, Duration.ofSeconds(5));
    }

    @AfterAll
    static void stop() {
        anthropic.close();
        openai.close();
        anthropicApi.close();
        openAiApi.close();
    }

    @AfterEach
    void recover() {
        anthropicApi.recover();
        openAiApi.recover();
    }

    @Test
    void anthropicSimulatorAnswersTheAdapterEchoingTheLastUserMessage() {
        LlmResponse response = anthropic.call(LlmRequest.of(List.of(
                Message.system("be brief"), Message.user("first"), Message.assistant("ok"), Message.user("what is ArcLLM?"))));

        assertThat(response.content()).contains("simulated Anthropic API").contains("You said: \"what is ArcLLM?\"")
                .contains("ANTHROPIC_API_KEY");
        assertThat(response.model()).isEqualTo("claude-sonnet-4-20250514");
        assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(response.usage().inputTokens()).isPositive();
        assertThat(response.usage().outputTokens()).isPositive();
    }

    @Test
    void openAiSimulatorAnswersTheAdapterEchoingTextBlocks() {
        List<ContentBlock> blocks = List.of(new TextBlock("hello "), new TextBlock("there"));

        LlmResponse response = openai.call(LlmRequest.of(List.of(Message.user(blocks))));

        assertThat(response.content()).contains("simulated OpenAI API").contains("You said: \"hello there\"")
                .contains("OPENAI_API_KEY");
        assertThat(response.model()).isEqualTo("gpt-4o");
        assertThat(response.usage().totalTokens())
                .isEqualTo(response.usage().inputTokens() + response.usage().outputTokens());
    }

    @Test
    void queuedFaultsFailOneRequestEachInOrderThenAnswersResume() {
        anthropicApi.enqueue(Fault.rateLimited(Duration.ofSeconds(1)), Fault.overloaded());

        assertThatThrownBy(() -> anthropic.call(hi()))
                .isInstanceOfSatisfying(ArcLlmApiException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
                    assertThat(e.body()).contains("rate_limit_error");
                });
        assertThatThrownBy(() -> anthropic.call(hi()))
                .isInstanceOfSatisfying(ArcLlmApiException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(529);
                    assertThat(e.body()).contains("overloaded_error");
                });
        assertThat(anthropic.call(hi()).content()).contains("You said: \"hi\"");
    }

    @Test
    void outageFailsEveryRequestUntilRecovered() {
        openAiApi.outage(Fault.status(503));

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> openai.call(hi()))
                    .isInstanceOfSatisfying(ArcLlmApiException.class, e -> assertThat(e.statusCode()).isEqualTo(503));
        }
        openAiApi.recover();

        assertThat(openai.call(hi()).content()).contains("You said: \"hi\"");
    }

    @Test
    void garbledAnswerIsAParseErrorForTheAdapter() {
        anthropicApi.enqueue(Fault.garbled());

        assertThatThrownBy(() -> anthropic.call(hi())).isInstanceOf(ArcLlmParseException.class);
    }

    @Test
    void slowAnswerBeyondTheReadTimeoutIsATimeout() {
        try (LlmProvider impatient = adapter("anthropic", anthropicApi, Duration.ofMillis(200))) {
            anthropicApi.enqueue(Fault.slow(Duration.ofMillis(600)));

            assertThatThrownBy(() -> impatient.call(hi())).isInstanceOf(ArcLlmTimeoutException.class);
        }
    }

    @Test
    void requestWithoutTheApiKeyHeaderIsRejectedWith401() {
        String answer = WebClient.create(anthropicApi.baseUrl().toString()).post().uri("/v1/messages")
                .header("content-type", "application/json").bodyValue("{\"messages\":[]}")
                .exchangeToMono(response -> {
                    assertThat(response.statusCode().value()).isEqualTo(401);
                    return response.bodyToMono(String.class);
                }).block(Duration.ofSeconds(5));

        assertThat(answer).contains("authentication_error");
    }

    @Test
    void countsRequestsAndFreesItsPortWhenClosed() {
        ProviderSimulator simulator = ProviderSimulator.start(ApiFormat.OPENAI);
        try (LlmProvider client = adapter("openai", simulator, Duration.ofSeconds(5))) {
            client.call(hi());
            client.call(hi());
            assertThat(simulator.requestCount()).isEqualTo(2);

            simulator.close();
        }
        // A new client (its own pool, so no kept-alive connection opened before the close can carry the call) finds
        // the port closed.
        try (LlmProvider fresh = adapter("openai", simulator, Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> fresh.call(hi())).isInstanceOf(ArcLlmTransportException.class);
        }
    }

    private static LlmRequest hi() {
        return LlmRequest.of(List.of(Message.user("hi")));
    }

    private static LlmProvider adapter(String id, ProviderSimulator simulator, Duration readTimeout) {
        ProviderSettings settings = ProviderCatalog.builtIn().find(id).orElseThrow().toBuilder()
                .baseUrl(simulator.baseUrl()).apiKey(DemoMode.DEMO_KEY).readTimeout(readTimeout).build();
        return Adapters.create(settings, null, WebClient.builder(), name -> null);
    }
}
