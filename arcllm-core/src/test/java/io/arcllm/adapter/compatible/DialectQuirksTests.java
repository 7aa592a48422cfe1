package io.arcllm.adapter.compatible;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.arcllm.ArcLlmConfigException;
import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.Message;
import io.arcllm.ResponseFormat;
import io.arcllm.StopReason;
import io.arcllm.ToolChoice;
import io.arcllm.ToolUseBlock;
import io.arcllm.adapter.Adapters;
import io.arcllm.adapter.internal.Json;
import io.arcllm.config.ProviderSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;

/** The documented differences between the OpenAI-compatible providers, each as the adapter absorbs it. */
class DialectQuirksTests {

    @RegisterExtension
    static WireMockExtension wireMock = CompatibleProvidersTests.server();

    private static final ResponseFormat WEATHER_FORMAT = ResponseFormat.jsonSchema("weather", Map.of("type", "object",
            "properties", Map.of("celsius", Map.of("type", "number")), "required", List.of("celsius"),
            "additionalProperties", false));

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

    private LlmProvider adapter(CompatibleProvider provider) {
        adapter = Adapters.create(CompatibleProvidersTests.settings(provider, wireMock), null, WebClient.builder(), name -> null);
        return adapter;
    }

    private static String path(CompatibleProvider provider) {
        return provider.basePath + "/v1/chat/completions";
    }

    private void answer(CompatibleProvider provider, String body) {
        wireMock.stubFor(post(urlPathEqualTo(path(provider))).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    private JsonNode sentBody(CompatibleProvider provider) {
        String body = wireMock.findAll(postRequestedFor(urlPathEqualTo(path(provider)))).get(0).getBodyAsString();
        ChatCompletionsShape.assertValid(body);
        return Json.MAPPER.readTree(body);
    }

    private static String answerWith(String message, String finishReason, String usage) {
        return """
                {"id":"x","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,
                 "message":%s,"finish_reason":"%s"}],"usage":%s}""".formatted(message, finishReason, usage);
    }

    private static final String TEXT = "{\"role\":\"assistant\",\"content\":\"ok\"}";
    private static final String USAGE = "{\"prompt_tokens\":10,\"completion_tokens\":5,\"total_tokens\":15}";

    private static LlmRequest withTools(ToolChoice choice) {
        return LlmRequest.builder().message(Message.user("Weather?")).tools(List.of(CompatibleProvidersTests.WEATHER))
                .toolChoice(choice).build();
    }

    @ParameterizedTest
    @CsvSource({"OPENAI, required", "MISTRAL, any", "DEEPSEEK, required", "GROQ, required", "OLLAMA, required"})
    void requiredToolChoiceIsSentInTheDialectsWord(CompatibleProvider provider, String word) {
        answer(provider, provider.textAnswer);

        adapter(provider).invoke(withTools(ToolChoice.required())).block(CompatibleProvidersTests.BLOCK);

        String body = wireMock.findAll(postRequestedFor(urlPathEqualTo(path(provider)))).get(0).getBodyAsString();
        assertThat(Json.MAPPER.readTree(body).get("tool_choice").stringValue()).isEqualTo(word);
        if (provider != CompatibleProvider.MISTRAL) { // Mistral's "any" is where it departs from OpenAI's shape
            ChatCompletionsShape.assertValid(body);
        }
    }

    @ParameterizedTest
    @EnumSource(CompatibleProvider.class)
    void autoNoneAndNamedToolChoicesAreSentAsOpenAiDefinesThem(CompatibleProvider provider) {
        answer(provider, provider.textAnswer);
        LlmProvider model = adapter(provider);

        model.invoke(withTools(ToolChoice.auto())).block(CompatibleProvidersTests.BLOCK);
        model.invoke(withTools(ToolChoice.none())).block(CompatibleProvidersTests.BLOCK);
        model.invoke(withTools(ToolChoice.tool("get_weather"))).block(CompatibleProvidersTests.BLOCK);

        List<JsonNode> choices = wireMock.findAll(postRequestedFor(urlPathEqualTo(path(provider)))).stream()
                .peek(request -> ChatCompletionsShape.assertValid(request.getBodyAsString()))
                .map(request -> Json.MAPPER.readTree(request.getBodyAsString()).get("tool_choice")).toList();
        assertThat(choices).containsExactly(Json.MAPPER.readTree("\"auto\""), Json.MAPPER.readTree("\"none\""),
                Json.MAPPER.readTree("{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}"));
    }

    @ParameterizedTest
    @EnumSource(value = CompatibleProvider.class, names = "DEEPSEEK", mode = EnumSource.Mode.EXCLUDE)
    void aResponseFormatIsSentAsAStrictJsonSchema(CompatibleProvider provider) {
        answer(provider, provider.textAnswer);

        adapter(provider).invoke(LlmRequest.builder().message(Message.user("Weather?")).responseFormat(WEATHER_FORMAT)
                .build()).block(CompatibleProvidersTests.BLOCK);

        assertThat(sentBody(provider).get("response_format")).isEqualTo(Json.MAPPER.readTree("""
                {"type":"json_schema","json_schema":{"name":"weather","schema":{"type":"object",
                 "properties":{"celsius":{"type":"number"}},"required":["celsius"],"additionalProperties":false},
                 "strict":true}}"""));
    }

    @Test
    void deepSeekRejectsAResponseFormatBeforeSendingAnything() {
        answer(CompatibleProvider.DEEPSEEK, CompatibleProvider.DEEPSEEK.textAnswer);

        Throwable error = catchThrowable(() -> adapter(CompatibleProvider.DEEPSEEK).invoke(LlmRequest.builder()
                .message(Message.user("Weather?")).responseFormat(WEATHER_FORMAT).build()).block(CompatibleProvidersTests.BLOCK));

        assertThat(error).isInstanceOf(ArcLlmConfigException.class)
                .hasMessageContaining("deepseek").hasMessageContaining("responseFormat");
        assertThat(wireMock.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void deepSeekReasoningContentBecomesThinkingAndCacheHitsAreCacheReads() {
        answer(CompatibleProvider.DEEPSEEK, """
                {"id":"a","object":"chat.completion","created":1,"model":"deepseek-reasoner","choices":[{"index":0,
                 "message":{"role":"assistant","content":"9.11 < 9.8","reasoning_content":"Compare 11 and 80 hundredths."},
                 "finish_reason":"stop"}],"usage":{"prompt_tokens":100,"completion_tokens":30,"total_tokens":130,
                 "prompt_cache_hit_tokens":64,"prompt_cache_miss_tokens":36,
                 "completion_tokens_details":{"reasoning_tokens":20}}}""");

        LlmResponse response = adapter(CompatibleProvider.DEEPSEEK).invoke(List.of(Message.user("9.11 or 9.8?")))
                .block(CompatibleProvidersTests.BLOCK);

        assertThat(response.content()).isEqualTo("9.11 < 9.8");
        assertThat(response.thinking()).isEqualTo("Compare 11 and 80 hundredths.");
        assertThat(response.usage().cacheReadTokens()).isEqualTo(64);
        assertThat(response.usage().inputTokens()).isEqualTo(36);
        assertThat(response.usage().reasoningTokens()).isEqualTo(20);
    }

    @ParameterizedTest
    @CsvSource({"VLLM, reasoning_content", "GROQ, reasoning", "OLLAMA, reasoning", "TOGETHER, reasoning"})
    void reasoningFieldsBecomeThinking(CompatibleProvider provider, String field) {
        answer(provider, answerWith("{\"role\":\"assistant\",\"content\":\"42\",\"" + field + "\":\"6 times 7\"}",
                "stop", USAGE));

        LlmResponse response = adapter(provider).invoke(List.of(Message.user("?"))).block(CompatibleProvidersTests.BLOCK);

        assertThat(response.thinking()).isEqualTo("6 times 7");
    }

    @Test
    void mistralModelLengthMeansTheAnswerWasCutOff() {
        answer(CompatibleProvider.MISTRAL, answerWith(TEXT, "model_length", USAGE));

        LlmResponse response = adapter(CompatibleProvider.MISTRAL).invoke(List.of(Message.user("Long story")))
                .block(CompatibleProvidersTests.BLOCK);

        assertThat(response.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
    }

    @Test
    void mistralGetsToolCallIdsOfNineAlphanumericsTheSameInCallAndResult() {
        answer(CompatibleProvider.MISTRAL, CompatibleProvider.MISTRAL.textAnswer);
        String foreignId = "toolu_01A09q90qw90lq917835lq9"; // from an Anthropic turn earlier in the conversation
        LlmRequest request = LlmRequest.builder()
                .message(Message.user("Weather in Paris?"))
                .message(Message.assistant(List.of(new ToolUseBlock(foreignId, "get_weather", Map.of("city", "Paris")))))
                .message(Message.tool(foreignId, "18°C"))
                .message(Message.assistant(List.of(new ToolUseBlock("D681PevKs", "get_weather", Map.of("city", "Lyon")))))
                .message(Message.tool("D681PevKs", "20°C"))
                .tools(List.of(CompatibleProvidersTests.WEATHER)).build();

        adapter(CompatibleProvider.MISTRAL).invoke(request).block(CompatibleProvidersTests.BLOCK);

        JsonNode messages = sentBody(CompatibleProvider.MISTRAL).get("messages");
        String rewritten = messages.at("/1/tool_calls/0/id").stringValue();
        assertThat(rewritten).matches("[a-zA-Z0-9]{9}");
        assertThat(messages.at("/2/tool_call_id").stringValue()).isEqualTo(rewritten);
        assertThat(messages.at("/3/tool_calls/0/id").stringValue()).as("a Mistral id is kept").isEqualTo("D681PevKs");
        assertThat(messages.at("/4/tool_call_id").stringValue()).isEqualTo("D681PevKs");
    }

    @ParameterizedTest
    @CsvSource({"GROQ, logprobs;logit_bias;top_logprobs;n", "TOGETHER, store;metadata;service_tier"})
    void fieldsTheServerRejectsAreLeftOutOfTheExtras(CompatibleProvider provider, String rejected) {
        answer(provider, provider.textAnswer);
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("logprobs", true);
        extras.put("logit_bias", Map.of("50256", -100));
        extras.put("top_logprobs", 2);
        extras.put("n", 2);
        extras.put("store", true);
        extras.put("metadata", Map.of("team", "agents"));
        extras.put("service_tier", "auto");
        extras.put("seed", 7);

        adapter(provider).invoke(LlmRequest.builder().message(Message.user("Hi")).extras(extras).build())
                .block(CompatibleProvidersTests.BLOCK);

        JsonNode body = sentBody(provider);
        for (String field : rejected.split(";")) {
            assertThat(body.has(field)).as("%s left out for %s", field, provider).isFalse();
        }
        assertThat(body.get("seed").intValue()).as("other extras pass").isEqualTo(7);
        assertThat(body.has("logprobs")).isEqualTo(!rejected.contains("logprobs"));
    }

    @ParameterizedTest
    @CsvSource({"429, 2, 3, PT2S", "429, , 3, PT3S", "503, , 3, ", "429, , , "})
    void togethersRateLimitResetIsTheWaitOfA429WithoutRetryAfter(int status, String retryAfter, String reset,
                                                                java.time.Duration expected) {
        var answer = aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit\"}}");
        if (retryAfter != null) {
            answer.withHeader("Retry-After", retryAfter);
        }
        if (reset != null) {
            answer.withHeader("x-ratelimit-reset", reset);
        }
        wireMock.stubFor(post(urlPathEqualTo(path(CompatibleProvider.TOGETHER))).willReturn(answer));

        Throwable error = catchThrowable(() -> adapter(CompatibleProvider.TOGETHER).invoke(List.of(Message.user("Hi")))
                .block(CompatibleProvidersTests.BLOCK));

        assertThat(error).isInstanceOfSatisfying(io.arcllm.ArcLlmApiException.class,
                api -> assertThat(api.retryAfter()).isEqualTo(java.util.Optional.ofNullable(expected)));
    }

    @ParameterizedTest
    @CsvSource({"OLLAMA", "VLLM"})
    void aLocalServerGetsTheKeyWhenOneIsConfigured(CompatibleProvider provider) {
        answer(provider, provider.textAnswer);
        ProviderSettings withKey = CompatibleProvidersTests.settings(provider, wireMock).toBuilder().apiKey("proxy-key-123").build();
        adapter = Adapters.create(withKey, null, WebClient.builder(), name -> null);

        adapter.invoke(List.of(Message.user("Hi"))).block(CompatibleProvidersTests.BLOCK);

        assertThat(wireMock.findAll(postRequestedFor(urlPathEqualTo(path(provider)))).get(0).getHeader("Authorization"))
                .isEqualTo("Bearer proxy-key-123");
    }

    @Test
    void aLocalServerReadsItsKeyFromItsEnvironmentVariable() {
        answer(CompatibleProvider.VLLM, CompatibleProvider.VLLM.textAnswer);
        adapter = Adapters.create(CompatibleProvidersTests.settings(CompatibleProvider.VLLM, wireMock), null, WebClient.builder(),
                name -> name.equals("VLLM_API_KEY") ? "vllm-secret-1" : null);

        adapter.invoke(List.of(Message.user("Hi"))).block(CompatibleProvidersTests.BLOCK);

        assertThat(wireMock.findAll(postRequestedFor(urlPathEqualTo(path(CompatibleProvider.VLLM)))).get(0)
                .getHeader("Authorization")).isEqualTo("Bearer vllm-secret-1");
    }

    @Test
    void aCloudProviderStillRequiresItsKey() {
        ProviderSettings noKey = CompatibleProvidersTests.settings(CompatibleProvider.GROQ, wireMock).toBuilder()
                .apiKey((String) null).build();

        assertThat(catchThrowable(() -> Adapters.create(noKey, null, WebClient.builder(), name -> null)))
                .isInstanceOf(ArcLlmConfigException.class).hasMessageContaining("GROQ_API_KEY");
    }

    @Test
    void anUnknownDialectIsAConfigErrorNamingTheProperty() {
        ProviderSettings settings = CompatibleProvidersTests.settings(CompatibleProvider.OLLAMA, wireMock).toBuilder()
                .dialect("lmstudio").build();

        assertThat(catchThrowable(() -> Adapters.create(settings, null, WebClient.builder(), name -> null)))
                .isInstanceOf(ArcLlmConfigException.class)
                .hasMessageContaining("arcllm.providers.ollama.dialect").hasMessageContaining("mistral, ollama");
    }
}
