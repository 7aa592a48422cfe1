package io.arcllm.adapter.compatible;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.arcllm.ArcLlmApiException;
import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.Message;
import io.arcllm.StopReason;
import io.arcllm.Tool;
import io.arcllm.ToolCall;
import io.arcllm.adapter.Adapters;
import io.arcllm.adapter.internal.Json;
import io.arcllm.config.ProviderSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;

/**
 * Every OpenAI-compatible built-in provider against WireMock, from its catalog entry: what is sent (path below
 * the catalog's base URL, authentication, JSON body, which must also have OpenAI's request shape) and what is
 * read back from answers written as each provider documents them.
 */
class CompatibleProvidersTests {

    static final String KEY = "sk-compatible-0123456789";
    static final Duration BLOCK = Duration.ofSeconds(5);
    static final Tool WEATHER = new Tool("get_weather", "Current weather in a city",
            Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")), "required", List.of("city")));

    @RegisterExtension
    static WireMockExtension wireMock = server();

    private LlmProvider adapter;

    @BeforeEach
    void resetStubs() {
        wireMock.resetAll();
    }

    @AfterEach
    void close() {
        if (adapter != null) {
            adapter.close();
        }
    }

    /** A WireMock server on a dynamic port, for a static {@code @RegisterExtension} field (fresh per class). */
    static WireMockExtension server() {
        return WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    }

    /** The catalog's settings pointed at WireMock; a key only for providers that require one. */
    static ProviderSettings settings(CompatibleProvider provider, WireMockExtension server) {
        ProviderSettings.Builder builder = provider.builtIn().toBuilder()
                .baseUrl(server.baseUrl() + provider.basePath)
                .readTimeout(BLOCK);
        if (provider.builtIn().keyRequired()) {
            builder.apiKey(KEY);
        }
        return builder.build();
    }

    private LlmProvider adapter(CompatibleProvider provider) {
        adapter = Adapters.create(settings(provider, wireMock), null, WebClient.builder(), name -> null);
        return adapter;
    }

    private static String path(CompatibleProvider provider) {
        return provider.basePath + "/v1/chat/completions";
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static List<LoggedRequest> sent(CompatibleProvider provider) {
        return wireMock.findAll(postRequestedFor(urlPathEqualTo(path(provider))));
    }

    private static void assertAuthentication(CompatibleProvider provider, LoggedRequest request) {
        if (provider.builtIn().keyRequired()) {
            assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
        } else {
            assertThat(request.containsHeader("Authorization")).as("a keyless provider sends no Authorization").isFalse();
        }
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
    }

    @ParameterizedTest
    @EnumSource(CompatibleProvider.class)
    void sendsATextRequestAndReadsTheDocumentedAnswer(CompatibleProvider provider) {
        wireMock.stubFor(post(urlPathEqualTo(path(provider))).willReturn(json(provider.textAnswer)));
        LlmRequest request = LlmRequest.of(List.of(Message.system("Be brief."), Message.user("Capital of France?")));

        LlmResponse response = adapter(provider).invoke(request).block(BLOCK);

        assertThat(response.content()).isEqualTo("Paris is the capital of France.");
        assertThat(response.usage().inputTokens()).isEqualTo(19);
        assertThat(response.usage().outputTokens()).isEqualTo(10);
        assertThat(response.usage().totalTokens()).isEqualTo(29);
        assertThat(response.model()).isEqualTo(provider.answeredModel());
        assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
        LoggedRequest sent = sent(provider).get(0);
        assertAuthentication(provider, sent);
        ProviderSettings builtIn = provider.builtIn();
        JsonNode expected = Json.MAPPER.readTree("""
                {"model":"%s","messages":[{"role":"system","content":"Be brief."},
                 {"role":"user","content":"Capital of France?"}],"%s":%d}"""
                .formatted(builtIn.defaultModel(), provider.maxTokensField, builtIn.maxTokensFor(builtIn.defaultModel())));
        assertThat(Json.MAPPER.readTree(sent.getBodyAsString())).isEqualTo(expected);
        ChatCompletionsShape.assertValid(sent.getBodyAsString());
    }

    @ParameterizedTest
    @EnumSource(CompatibleProvider.class)
    void completesAToolRoundTrip(CompatibleProvider provider) {
        wireMock.stubFor(post(urlPathEqualTo(path(provider))).atPriority(5).willReturn(json(provider.toolAnswer())));
        wireMock.stubFor(post(urlPathEqualTo(path(provider))).atPriority(1)
                .withRequestBody(matchingJsonPath("$.messages[?(@.role == 'tool')]"))
                .willReturn(json(provider.textAnswer)));
        LlmProvider model = adapter(provider);
        LlmRequest ask = LlmRequest.builder().message(Message.user("Weather in Paris?")).tools(List.of(WEATHER)).build();

        LlmResponse first = model.invoke(ask).block(BLOCK);

        assertThat(first.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(first.toolCalls()).containsExactly(new ToolCall(provider.toolCallId, "get_weather", Map.of("city", "Paris")));
        LlmRequest answer = ask.toBuilder()
                .message(Message.assistant(first))
                .message(Message.tool(provider.toolCallId, "18°C, sunny"))
                .build();
        LlmResponse second = model.invoke(answer).block(BLOCK);

        assertThat(second.content()).isEqualTo("Paris is the capital of France.");
        List<LoggedRequest> requests = sent(provider);
        assertThat(requests).hasSize(2);
        JsonNode firstBody = Json.MAPPER.readTree(requests.get(0).getBodyAsString());
        assertThat(firstBody.at("/tools/0")).isEqualTo(Json.MAPPER.readTree("""
                {"type":"function","function":{"name":"get_weather","description":"Current weather in a city",
                 "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}"""));
        JsonNode messages = Json.MAPPER.readTree(requests.get(1).getBodyAsString()).get("messages");
        assertThat(messages.get(1).get("role").stringValue()).isEqualTo("assistant");
        JsonNode call = messages.get(1).at("/tool_calls/0");
        assertThat(call.get("id").stringValue()).isEqualTo(provider.toolCallId);
        assertThat(call.at("/function/name").stringValue()).isEqualTo("get_weather");
        assertThat(Json.MAPPER.readTree(call.at("/function/arguments").stringValue()))
                .isEqualTo(Json.MAPPER.readTree("{\"city\":\"Paris\"}"));
        assertThat(messages.get(2).toString()).isEqualTo(
                "{\"role\":\"tool\",\"tool_call_id\":\"" + provider.toolCallId + "\",\"content\":\"18°C, sunny\"}");
        requests.forEach(request -> assertAuthentication(provider, request));
        requests.forEach(request -> ChatCompletionsShape.assertValid(request.getBodyAsString()));
    }

    @ParameterizedTest
    @EnumSource(CompatibleProvider.class)
    void theDocumentedErrorBodyBecomesAnApiException(CompatibleProvider provider) {
        wireMock.stubFor(post(urlPathEqualTo(path(provider))).willReturn(aResponse().withStatus(provider.errorStatus)
                .withHeader("Content-Type", "application/json").withBody(provider.errorBody)));

        Throwable error = catchThrowable(() -> adapter(provider).invoke(List.of(Message.user("Hi"))).block(BLOCK));

        assertThat(error).isInstanceOfSatisfying(ArcLlmApiException.class, api -> {
            assertThat(api.statusCode()).isEqualTo(provider.errorStatus);
            assertThat(api.provider()).isEqualTo(provider.id);
            assertThat(Json.MAPPER.readTree(api.body())).isEqualTo(Json.MAPPER.readTree(provider.errorBody));
            assertThat(api.getMessage()).startsWith(provider.id + " API error: HTTP " + provider.errorStatus);
            assertThat(api.retryAfter()).isEmpty();
        });
        assertThat(error.getMessage()).doesNotContain(KEY);
    }

    @ParameterizedTest
    @EnumSource(CompatibleProvider.class)
    void aThrottledAnswerKeepsItsStatusAndTheWaitItAsksFor(CompatibleProvider provider) {
        ResponseDefinitionBuilder throttled = aResponse().withStatus(provider.throttleStatus)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_error\"}}");
        provider.throttleHeaders.forEach(throttled::withHeader);
        wireMock.stubFor(post(urlPathEqualTo(path(provider))).willReturn(throttled));

        Throwable error = catchThrowable(() -> adapter(provider).invoke(List.of(Message.user("Hi"))).block(BLOCK));

        assertThat(error).isInstanceOfSatisfying(ArcLlmApiException.class, api -> {
            assertThat(api.statusCode()).isEqualTo(provider.throttleStatus);
            assertThat(api.retryAfter()).isEqualTo(java.util.Optional.ofNullable(provider.throttleWait));
        });
    }
}
