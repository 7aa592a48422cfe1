package io.arcllm.adapter.internal;

import io.arcllm.adapter.internal.BaseAdapter;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.arcllm.ArcLlmApiException;
import io.arcllm.ArcLlmParseException;
import io.arcllm.ArcLlmStreamInterruptedException;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.LlmStreamCollector;
import io.arcllm.LlmStreamEvent;
import io.arcllm.LlmStreamEvent.Start;
import io.arcllm.LlmStreamEvent.Stop;
import io.arcllm.LlmStreamEvent.TextDelta;
import io.arcllm.LlmStreamEvent.ThinkingDelta;
import io.arcllm.LlmStreamEvent.ToolCallArgumentsDelta;
import io.arcllm.LlmStreamEvent.ToolCallCompleted;
import io.arcllm.LlmStreamEvent.ToolCallStarted;
import io.arcllm.LlmStreamEvent.UsageReported;
import io.arcllm.Message;
import io.arcllm.StopReason;
import io.arcllm.ThinkingBlock;
import io.arcllm.Tool;
import io.arcllm.ToolCall;
import io.arcllm.Usage;
import io.arcllm.adapter.internal.AdapterTestSupport.Format;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Both adapters' streams against WireMock: what is sent, the normalized events, and that collecting equals invoke. */
class StreamingAdapterTests {

    @RegisterExtension
    static WireMockExtension wireMock = AdapterTestSupport.wireMock();

    private BaseAdapter adapter;

    @AfterEach
    void close() {
        if (adapter != null) {
            adapter.close();
        }
    }

    private static final LlmRequest REQUEST = LlmRequest.builder()
            .messages(List.of(Message.user("What's the weather in San Francisco?")))
            .tools(List.of(new Tool("get_weather", "Weather now", Map.of("type", "object"))))
            .build();

    private List<LlmStreamEvent> stream(Format format, String sse) {
        serve(format, sse.getBytes(StandardCharsets.UTF_8));
        adapter = format.adapter(wireMock);
        return adapter.stream(REQUEST).collectList().block(AdapterTestSupport.BLOCK);
    }

    private void serve(Format format, byte[] sse) {
        wireMock.stubFor(format.endpoint().willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream; charset=utf-8").withBody(sse)));
    }

    /** What invoke gives for the whole answer {@code json}, on a fresh stub. */
    private LlmResponse invoke(Format format, String json) {
        wireMock.resetAll();
        wireMock.stubFor(format.endpoint().willReturn(AdapterTestSupport.json(json)));
        return adapter.invoke(REQUEST).block(AdapterTestSupport.BLOCK).withoutRaw();
    }

    @Test
    void anthropicSendsStreamTrueAndAcceptsEventStream() {
        stream(Format.ANTHROPIC, StreamFixtures.text("anthropic-tool-use.sse"));
        wireMock.verify(Format.ANTHROPIC.sentWithKey()
                .withHeader("Accept", equalTo("text/event-stream, application/json"))
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.model", equalTo("claude-test")))
                .withRequestBody(matchingJsonPath("$.tools[0].name", equalTo("get_weather"))));
    }

    @Test
    void anthropicToolUseStreamsTextThenTheCallWithArgumentFragments() {
        List<LlmStreamEvent> events = stream(Format.ANTHROPIC, StreamFixtures.text("anthropic-tool-use.sse"));

        ToolCall call = new ToolCall("toolu_01T1x1fJ34qAmk2tNTrN7Up6", "get_weather",
                Map.of("location", "San Francisco, CA", "unit", "fahrenheit"));
        assertThat(events).containsExactly(
                new Start("claude-sonnet-4-20250514"),
                new UsageReported(new Usage(472, 2, 474, 0, 0, null)),
                new TextDelta("Okay"),
                new TextDelta(", let's check the weather for San Francisco, CA:"),
                new ToolCallStarted(0, "toolu_01T1x1fJ34qAmk2tNTrN7Up6", "get_weather"),
                new ToolCallArgumentsDelta(0, "{\"location\":"),
                new ToolCallArgumentsDelta(0, " \"San Francisco, CA\""),
                new ToolCallArgumentsDelta(0, ", \"unit\": \"fahrenheit\"}"),
                new ToolCallCompleted(0, call),
                new UsageReported(new Usage(472, 89, 561, 0, 0, null)),
                new Stop(StopReason.TOOL_USE));
    }

    @Test
    void anthropicCollectedStreamEqualsInvokeForToolUse() {
        LlmResponse streamed = collect(Format.ANTHROPIC, "anthropic-tool-use.sse");
        assertThat(streamed).isEqualTo(invoke(Format.ANTHROPIC, StreamFixtures.text("anthropic-tool-use.json")));
        assertThat(streamed.toolCalls()).hasSize(1);
    }

    @Test
    void anthropicThinkingStreamsDeltasAndEndsTheBlockWithItsSignature() {
        List<LlmStreamEvent> events = stream(Format.ANTHROPIC, StreamFixtures.text("anthropic-thinking.sse"));

        assertThat(events).filteredOn(ThinkingDelta.class::isInstance).hasSize(3);
        assertThat(events.get(4)).isEqualTo(new ThinkingDelta("",
                "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds4vuTLbYHQ/XUHbOxu8SqbwKAb09LNqVXjMHI5EmDQ=="));
        LlmResponse collected = LlmStreamCollector.collect(reactor.core.publisher.Flux.fromIterable(events)).block();
        assertThat(collected.thinkingBlocks()).singleElement().satisfies(block -> {
            assertThat(block.thinking()).startsWith("I need to find the GCD").endsWith("= 21");
            assertThat(block.signature()).startsWith("EqQBCgIYAhIM");
        });
        assertThat(collected.usage()).isEqualTo(new Usage(42, 115, 169, 12, 0, null));
    }

    @Test
    void anthropicCollectedStreamEqualsInvokeForThinking() {
        LlmResponse streamed = collect(Format.ANTHROPIC, "anthropic-thinking.sse");
        assertThat(streamed).isEqualTo(invoke(Format.ANTHROPIC, StreamFixtures.text("anthropic-thinking.json")));
        assertThat(streamed.thinking()).contains("GCD(1071, 462) = 21");
    }

    @ParameterizedTest
    @CsvSource({"end_turn, END_TURN", "tool_use, TOOL_USE", "max_tokens, MAX_TOKENS", "stop_sequence, STOP_SEQUENCE",
            "refusal, CONTENT_FILTER", "pause_turn, END_TURN", "model_context_window_exceeded, MAX_TOKENS"})
    void anthropicStopReasonsMapAsForInvoke(String wire, StopReason expected) {
        List<LlmStreamEvent> events = stream(Format.ANTHROPIC, StreamFixtures.anthropicText(wire, "Hel", "lo"));
        assertThat(events.get(events.size() - 1)).isEqualTo(new Stop(expected));
        assertThat(LlmStreamCollector.collect(reactor.core.publisher.Flux.fromIterable(events)).block().content())
                .isEqualTo("Hello");
    }

    @Test
    void anthropicOverloadedErrorEventBeforeContentIsAn529ApiErrorAndNothingIsEmitted() {
        String sse = StreamFixtures.anthropicEvent("message_start", """
                {"type":"message_start","message":{"model":"claude-test","usage":{"input_tokens":10,"output_tokens":1}}}""")
                + StreamFixtures.anthropicEvent("ping", "{\"type\":\"ping\"}")
                + StreamFixtures.anthropicError("overloaded_error", "Overloaded");
        serve(Format.ANTHROPIC, sse.getBytes(StandardCharsets.UTF_8));
        adapter = Format.ANTHROPIC.adapter(wireMock);
        List<LlmStreamEvent> seen = new java.util.ArrayList<>();

        Throwable error = catchThrowable(() -> adapter.stream(REQUEST).doOnNext(seen::add).blockLast(AdapterTestSupport.BLOCK));

        assertThat(seen).as("events emitted before the failure").isEmpty();
        assertThat(error).isInstanceOf(ArcLlmApiException.class);
        assertThat(((ArcLlmApiException) error).statusCode()).isEqualTo(529);
        assertThat(((ArcLlmApiException) error).body()).contains("overloaded_error");
        assertThat(((ArcLlmApiException) error).provider()).isEqualTo("anthropic");
    }

    @Test
    void anthropicErrorEventAfterContentInterruptsWithThePartialAnswer() {
        String whole = StreamFixtures.anthropicText("end_turn", "Hel", "lo");
        String sse = whole.substring(0, whole.indexOf("event: content_block_stop"))
                + StreamFixtures.anthropicError("api_error", "Internal server error");
        serve(Format.ANTHROPIC, sse.getBytes(StandardCharsets.UTF_8));
        adapter = Format.ANTHROPIC.adapter(wireMock);
        List<LlmStreamEvent> seen = new java.util.ArrayList<>();

        Throwable error = catchThrowable(() -> adapter.stream(REQUEST).doOnNext(seen::add).blockLast(AdapterTestSupport.BLOCK));

        assertThat(seen).contains(new TextDelta("Hel"), new TextDelta("lo"));
        assertThat(error).isInstanceOf(ArcLlmStreamInterruptedException.class);
        ArcLlmStreamInterruptedException interrupted = (ArcLlmStreamInterruptedException) error;
        assertThat(interrupted.partialResponse().content()).isEqualTo("Hello");
        assertThat(interrupted.partialResponse().usage().inputTokens()).isEqualTo(10);
        assertThat(interrupted.getCause()).isInstanceOf(ArcLlmApiException.class);
        assertThat(((ArcLlmApiException) interrupted.getCause()).statusCode()).isEqualTo(500);
    }

    @Test
    void anthropicHttpErrorBeforeTheStreamIsTheSameApiErrorAsForInvoke() {
        wireMock.stubFor(Format.ANTHROPIC.endpoint().willReturn(aResponse().withStatus(529)
                .withHeader("Content-Type", "application/json").withHeader("retry-after", "7")
                .withBody("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}")));
        adapter = Format.ANTHROPIC.adapter(wireMock);

        Throwable error = catchThrowable(() -> adapter.stream(REQUEST).blockLast(AdapterTestSupport.BLOCK));

        assertThat(error).isInstanceOf(ArcLlmApiException.class);
        assertThat(((ArcLlmApiException) error).statusCode()).isEqualTo(529);
        assertThat(((ArcLlmApiException) error).retryAfter()).contains(java.time.Duration.ofSeconds(7));
    }

    @Test
    void aMalformedEventIsAParseErrorNamingTheProviderAndEvent() {
        String sse = StreamFixtures.anthropicEvent("message_start", "{\"type\":\"message_start\",\"message\":{not json");
        serve(Format.ANTHROPIC, sse.getBytes(StandardCharsets.UTF_8));
        adapter = Format.ANTHROPIC.adapter(wireMock);

        Throwable error = catchThrowable(() -> adapter.stream(REQUEST).blockLast(AdapterTestSupport.BLOCK));

        assertThat(error).isInstanceOf(ArcLlmParseException.class)
                .hasMessageContaining("anthropic stream event 'message_start'");
        assertThat(((ArcLlmParseException) error).rawString()).contains("{not json");
    }

    @Test
    void openAiSendsStreamTrueWithIncludeUsage() {
        stream(Format.OPENAI, StreamFixtures.text("openai-text.sse"));
        wireMock.verify(Format.OPENAI.sentWithKey()
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.stream_options", equalToJson("{\"include_usage\": true}"))));
    }

    @Test
    void openAiTextStreamSkipsKeepAlivesAndReadsUtf8() {
        List<LlmStreamEvent> events = stream(Format.OPENAI, StreamFixtures.text("openai-text.sse"));

        assertThat(events).containsExactly(
                new Start("gpt-4o-mini"),
                new TextDelta("Grüße aus "),
                new TextDelta("東京 🌸"),
                new UsageReported(new Usage(9, 12, 21, 0, null, 0)),
                new Stop(StopReason.END_TURN));
    }

    @Test
    void openAiCollectedStreamEqualsInvokeForText() {
        LlmResponse streamed = collect(Format.OPENAI, "openai-text.sse");
        assertThat(streamed).isEqualTo(invoke(Format.OPENAI, StreamFixtures.text("openai-text.json")));
    }

    @Test
    void openAiParallelToolCallsCompleteInOrderWithParsedArguments() {
        List<LlmStreamEvent> events = stream(Format.OPENAI, StreamFixtures.text("openai-tools.sse"));

        assertThat(events).containsExactly(
                new Start("gpt-4o-2024-08-06"),
                new ToolCallStarted(0, "call_DdmO9pD3xa9XTPNJ32zg2hcA", "get_weather"),
                new ToolCallArgumentsDelta(0, "{\"location\":"),
                new ToolCallArgumentsDelta(0, " \"Paris\"}"),
                new ToolCallCompleted(0, new ToolCall("call_DdmO9pD3xa9XTPNJ32zg2hcA", "get_weather", Map.of("location", "Paris"))),
                new ToolCallStarted(1, "call_ABC", "get_time"),
                new ToolCallArgumentsDelta(1, "{\"tz\": \"CET\"}"),
                new ToolCallCompleted(1, new ToolCall("call_ABC", "get_time", Map.of("tz", "CET"))),
                new UsageReported(new Usage(82, 40, 122, 0, null, 0)),
                new Stop(StopReason.TOOL_USE));
    }

    @Test
    void openAiCollectedStreamEqualsInvokeForToolCalls() {
        LlmResponse streamed = collect(Format.OPENAI, "openai-tools.sse");
        assertThat(streamed).isEqualTo(invoke(Format.OPENAI, StreamFixtures.text("openai-tools.json")));
    }

    @ParameterizedTest
    @CsvSource({"stop, END_TURN", "length, MAX_TOKENS", "tool_calls, END_TURN", "content_filter, CONTENT_FILTER"})
    void openAiFinishReasonsMapAsForInvoke(String wire, StopReason expected) {
        String sse = "data: {\"model\":\"gpt-test\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}]}\n\n"
                + "data: {\"model\":\"gpt-test\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"" + wire + "\"}]}\n\n"
                + "data: [DONE]\n\n";
        List<LlmStreamEvent> events = stream(Format.OPENAI, sse);
        // Without tool calls, OpenAiResponseReader maps tool_calls like invoke does: TOOL_USE.
        StopReason want = wire.equals("tool_calls") ? StopReason.TOOL_USE : expected;
        assertThat(events.get(events.size() - 1)).isEqualTo(new Stop(want));
    }

    @Test
    void openAiErrorChunkBeforeContentIsAnApiError() {
        String sse = "data: {\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\",\"code\":null}}\n\n";
        serve(Format.OPENAI, sse.getBytes(StandardCharsets.UTF_8));
        adapter = Format.OPENAI.adapter(wireMock);

        Throwable error = catchThrowable(() -> adapter.stream(REQUEST).blockLast(AdapterTestSupport.BLOCK));

        assertThat(error).isInstanceOf(ArcLlmApiException.class);
        assertThat(((ArcLlmApiException) error).statusCode()).isEqualTo(500);
    }

    @Test
    void theKeyEchoedInAnEventIsMaskedBeforeItReachesAnException() {
        String sse = StreamFixtures.anthropicEvent("message_start", "{\"broken\": \"" + AdapterTestSupport.KEY + "\" ");
        serve(Format.ANTHROPIC, sse.getBytes(StandardCharsets.UTF_8));
        adapter = Format.ANTHROPIC.adapter(wireMock);

        Throwable error = catchThrowable(() -> adapter.stream(REQUEST).blockLast(AdapterTestSupport.BLOCK));

        assertThat(error).isInstanceOf(ArcLlmParseException.class);
        AdapterTestSupport.assertKeyAbsent(error);
    }

    @Test
    void thinkingBlocksAreSentBackWithTheirSignatureOnTheNextTurn() {
        wireMock.stubFor(Format.ANTHROPIC.endpoint().willReturn(AdapterTestSupport.json("""
                {"model":"claude-test","stop_reason":"tool_use","usage":{"input_tokens":5,"output_tokens":7},
                 "content":[{"type":"thinking","thinking":"Check the weather first.","signature":"sig-abc"},
                            {"type":"tool_use","id":"toolu_9","name":"get_weather","input":{"city":"Oslo"}}]}""")));
        adapter = Format.ANTHROPIC.adapter(wireMock);
        LlmResponse first = adapter.invoke(REQUEST).block(AdapterTestSupport.BLOCK);
        assertThat(first.thinkingBlocks()).containsExactly(new ThinkingBlock("Check the weather first.", "sig-abc"));

        LlmRequest next = REQUEST.toBuilder().messages(List.of(Message.user("Weather in Oslo?"), Message.assistant(first),
                Message.tool("toolu_9", "4°C"))).build();
        adapter.invoke(next).block(AdapterTestSupport.BLOCK);

        wireMock.verify(Format.ANTHROPIC.sentWithKey().withRequestBody(equalToJson("""
                {"messages":[{"role":"user","content":[{"type":"text","text":"Weather in Oslo?"}]},
                  {"role":"assistant","content":[
                    {"type":"thinking","thinking":"Check the weather first.","signature":"sig-abc"},
                    {"type":"tool_use","id":"toolu_9","name":"get_weather","input":{"city":"Oslo"}}]},
                  {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_9","content":"4°C"}]}]}""",
                true, true)));
    }

    private LlmResponse collect(Format format, String fixture) {
        serve(format, StreamFixtures.bytes(fixture));
        adapter = format.adapter(wireMock);
        return LlmStreamCollector.collect(adapter.stream(REQUEST)).block(AdapterTestSupport.BLOCK);
    }
}
