package io.arcllm.test;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.arcllm.ArcLlmApiException;
import io.arcllm.ArcLlmTimeoutException;
import io.arcllm.ArcLlmTransportException;
import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.Message;
import io.arcllm.StopReason;
import io.arcllm.Tool;
import io.arcllm.ToolCall;
import io.arcllm.ToolResultBlock;
import io.arcllm.ToolUseBlock;
import io.arcllm.test.internal.ScriptedResponses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every scripted reply, sent through ArcLLM's real adapters: what they parse, and what the stub read back. */
class StubsThroughAdaptersTests {

    @RegisterExtension
    static final ArcLlmStubsExtension llm = ArcLlmStubsExtension.of("anthropic", "openai");

    private static final Tool WEATHER = new Tool("get_weather", "Weather of a city",
            Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")), "required", List.of("city")));

    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "openai"})
    void answersTextAndRecordsWhatWasSent(String id) {
        llm.provider(id).answers("Paris");

        LlmResponse response = call(id, LlmRequest.builder()
                .message(Message.system("Be brief."))
                .message(Message.user("Capital of France?"))
                .tools(List.of(WEATHER)).maxTokens(100).temperature(0.5).build());

        assertThat(response.content()).isEqualTo("Paris");
        assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(response.usage().outputTokens()).isPositive();
        ReceivedRequest sent = llm.provider(id).lastRequest();
        assertThat(sent.messages()).containsExactly(Message.system("Be brief."), Message.user("Capital of France?"));
        assertThat(sent.systemText()).isEqualTo("Be brief.");
        assertThat(sent.lastUserText()).isEqualTo("Capital of France?");
        assertThat(sent.tools()).containsExactly(WEATHER);
        assertThat(sent.maxTokens()).isEqualTo(100);
        assertThat(sent.temperature()).isEqualTo(0.5);
        assertThat(sent.model()).isEqualTo(response.model());
        if (id.equals("anthropic")) {
            assertThat(sent.path()).isEqualTo("/v1/messages");
            assertThat(sent.header("X-API-Key")).contains(ArcLlmStubs.DUMMY_API_KEY);
            assertThat(sent.header("anthropic-version")).contains("2023-06-01");
        } else {
            assertThat(sent.path()).isEqualTo("/v1/chat/completions");
            assertThat(sent.header("authorization")).contains("Bearer " + ArcLlmStubs.DUMMY_API_KEY);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "openai"})
    void toolCallRoundTrip(String id) {
        llm.provider(id).answersWithToolCall("get_weather", Map.of("city", "Paris")).then().answers("Sunny, 21°C");
        Message question = Message.user("Weather in Paris?");

        LlmResponse call = call(id, LlmRequest.builder().message(question).tools(List.of(WEATHER)).build());
        assertThat(call.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(call.toolCalls()).singleElement().satisfies(tool -> {
            assertThat(tool.name()).isEqualTo("get_weather");
            assertThat(tool.arguments()).isEqualTo(Map.of("city", "Paris"));
        });
        ToolCall toolCall = call.toolCalls().get(0);
        LlmResponse answer = call(id, LlmRequest.builder()
                .messages(List.of(question, Message.assistant(call), Message.tool(toolCall.id(), "21°C, sunny")))
                .tools(List.of(WEATHER)).build());

        assertThat(answer.content()).isEqualTo("Sunny, 21°C");
        List<Message> sent = llm.provider(id).lastRequest().messages();
        assertThat(sent).hasSize(3);
        assertThat(sent.get(1).content()).contains(ToolUseBlock.of(toolCall));
        assertThat(sent.get(2)).isEqualTo(Message.tool(toolCall.id(), "21°C, sunny"));
        assertThat(llm.provider(id).attempts()).isEqualTo(2);
    }

    @Test
    void anthropicToolErrorsAndMergedTurnsReadBackAsTheProviderSawThem() {
        ToolCall a = new ToolCall("toolu_a", "get_weather", Map.of("city", "Paris"));
        ToolCall b = new ToolCall("toolu_b", "get_weather", Map.of("city", "Rome"));
        call("anthropic", LlmRequest.of(List.of(Message.system("One."), Message.system("Two."),
                Message.user("Weather?"), Message.assistant(List.of(ToolUseBlock.of(a), ToolUseBlock.of(b))),
                Message.tool(List.of(new ToolResultBlock("toolu_a", "sunny"), ToolResultBlock.error("toolu_b", "no data"))))));

        assertThat(llm.provider("anthropic").lastRequest().messages()).containsExactly(
                Message.system("One.\n\nTwo."), Message.user("Weather?"),
                Message.assistant(List.of(ToolUseBlock.of(a), ToolUseBlock.of(b))),
                Message.tool(List.of(new ToolResultBlock("toolu_a", "sunny"), ToolResultBlock.error("toolu_b", "no data"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "openai"})
    void failsWithStatusAndRetryAfter(String id) {
        llm.provider(id).failsWith(429, Duration.ofSeconds(2));

        assertThatThrownBy(() -> call(id, ask()))
                .isInstanceOfSatisfying(ArcLlmApiException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(2));
                    assertThat(e.body()).contains("rate_limit");
                });
    }

    @Test
    void openAiRetryAfterKeepsMilliseconds() {
        llm.provider("openai").failsWith(429, Duration.ofMillis(1500));

        assertThatThrownBy(() -> call("openai", ask())).isInstanceOfSatisfying(ArcLlmApiException.class,
                e -> assertThat(e.retryAfter()).contains(Duration.ofMillis(1500)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "openai"})
    void isOverloaded(String id) {
        llm.provider(id).isOverloaded();

        assertThatThrownBy(() -> call(id, ask())).isInstanceOfSatisfying(ArcLlmApiException.class,
                e -> assertThat(e.statusCode()).isEqualTo(id.equals("anthropic") ? 529 : 503));
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "openai"})
    void resetsTheConnection(String id) {
        llm.provider(id).resetsConnection();

        assertThatThrownBy(() -> call(id, ask())).isInstanceOf(ArcLlmTransportException.class);
        assertThat(llm.provider(id).attempts()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "openai"})
    void hangsUntilTheReadTimeout(String id) {
        llm.provider(id).hangs();

        assertThatThrownBy(() -> callWithReadTimeout(id, Duration.ofMillis(300))).isInstanceOf(ArcLlmTimeoutException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "openai"})
    void aSlowAnswerTimesOutWhenLongerThanTheReadTimeout(String id) {
        llm.provider(id).answersAfter(Duration.ofMinutes(1), "too late");

        assertThatThrownBy(() -> callWithReadTimeout(id, Duration.ofMillis(300))).isInstanceOf(ArcLlmTimeoutException.class);
    }

    @Test
    void aSlowAnswerWithinTheReadTimeoutArrives() {
        llm.provider("anthropic").answersAfter(Duration.ofMillis(50), "in time");

        assertThat(call("anthropic", ask()).content()).isEqualTo("in time");
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "openai"})
    void timesOutWithTheProvidersGatewayTimeout(String id) {
        llm.provider(id).timesOut();

        assertThatThrownBy(() -> call(id, ask())).isInstanceOfSatisfying(ArcLlmApiException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(504);
            if (id.equals("anthropic")) {
                assertThat(e.body()).contains("timeout_error");
            }
        });
    }

    @Test
    void aHangingStubSendsNothingNotEvenHeaders() {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI endpoint = llm.provider("openai").baseUrl().resolve("/v1/chat/completions");
        HttpRequest request = HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        llm.provider("openai").hangs();

        CompletableFuture<HttpResponse<InputStream>> hanging = client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());

        assertThatThrownBy(() -> hanging.get(500, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        hanging.cancel(true);
        assertThat(llm.provider("openai").attempts()).isEqualTo(1);
    }

    @Test
    void aWrongBaseUrlPathGetsTheProvidersNotFoundErrorNamingTheProperty() {
        URI prefixed = llm.provider("anthropic").baseUrl().resolve("/proxy");
        try (LlmProvider provider = llm.registryBuilder(settings -> settings.baseUrl(prefixed)).build().load("anthropic")) {
            assertThatThrownBy(() -> provider.invoke(ask()).block(Duration.ofSeconds(30)))
                    .isInstanceOfSatisfying(ArcLlmApiException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(404);
                        assertThat(e.body()).contains("not_found_error", "/proxy/v1/messages",
                                "arcllm.providers.anthropic.base-url");
                    });
        }
    }

    @Test
    void stepsAreTakenInOrderAndTheLastRepeats() {
        llm.provider("anthropic").failsWith(503).times(2).then().resetsConnection().then().answers("ok");

        assertThatThrownBy(() -> call("anthropic", ask())).isInstanceOf(ArcLlmApiException.class);
        assertThatThrownBy(() -> call("anthropic", ask())).isInstanceOf(ArcLlmApiException.class);
        assertThatThrownBy(() -> call("anthropic", ask())).isInstanceOf(ArcLlmTransportException.class);
        assertThat(call("anthropic", ask()).content()).isEqualTo("ok");
        assertThat(call("anthropic", ask()).content()).isEqualTo("ok");
        assertThat(llm.provider("anthropic").attempts()).isEqualTo(5);
        assertThat(llm.stubs().attempts()).isEqualTo(Map.of("anthropic", 5, "openai", 0));
    }

    @Test
    void scriptingAgainReplacesTheScript() {
        llm.provider("openai").failsWith(500);
        llm.provider("openai").answers("second script");

        assertThat(call("openai", ask()).content()).isEqualTo("second script");
    }

    @Test
    void unscriptedStubAnswersTheDefaultTextAndResetForgetsRequests() {
        assertThat(call("openai", ask()).content()).isEqualTo(ScriptedResponses.DEFAULT_TEXT);
        assertThat(llm.provider("openai").attempts()).isEqualTo(1);

        llm.provider("openai").reset();

        assertThat(llm.provider("openai").attempts()).isZero();
        assertThat(llm.provider("openai").requests()).isEmpty();
        assertThatThrownBy(() -> llm.provider("openai").lastRequest()).isInstanceOf(AssertionError.class)
                .hasMessageContaining("received no request");
    }

    @Test
    void unknownProviderIdNamesTheStubbedOnes() {
        assertThatThrownBy(() -> llm.provider("mistral")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no stub for provider 'mistral'; stubbed: anthropic, openai");
    }

    @Test
    void badScriptsAreRejected() {
        assertThatThrownBy(() -> llm.provider("openai").failsWith(200)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4xx or 5xx");
        assertThatThrownBy(() -> llm.provider("openai").answers("x").times(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> llm.provider("openai").answersAfter(Duration.ofMillis(-1), "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static LlmRequest ask() {
        return LlmRequest.of(List.of(Message.user("Hi")));
    }

    private static LlmResponse call(String id, LlmRequest request) {
        try (LlmProvider provider = llm.registry().load(id)) {
            return provider.invoke(request).block(Duration.ofSeconds(30));
        }
    }

    private static LlmResponse callWithReadTimeout(String id, Duration readTimeout) {
        try (LlmProvider provider = llm.registryBuilder(settings -> settings.readTimeout(readTimeout)).build().load(id)) {
            return provider.invoke(ask()).block(Duration.ofSeconds(30));
        }
    }
}
