package io.arcllm.adapter.internal;

import io.arcllm.adapter.internal.BaseAdapter;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static io.arcllm.adapter.internal.AdapterTestSupport.assertKeyAbsent;
import static io.arcllm.adapter.internal.AdapterTestSupport.call;
import static io.arcllm.adapter.internal.AdapterTestSupport.failure;
import static io.arcllm.adapter.internal.AdapterTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.arcllm.ArcLlmParseException;
import io.arcllm.ImageBlock;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.Message;
import io.arcllm.StopReason;
import io.arcllm.TextBlock;
import io.arcllm.Tool;
import io.arcllm.ToolCall;
import io.arcllm.ToolResultBlock;
import io.arcllm.Usage;
import io.arcllm.adapter.internal.AdapterTestSupport.Format;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiAdapterTests {

    @RegisterExtension
    static WireMockExtension wireMock = AdapterTestSupport.wireMock();

    private static final Format FORMAT = Format.OPENAI;
    private static final Tool CALCULATOR = new Tool("calculate", "Evaluates arithmetic",
            Map.of("type", "object", "properties", Map.of("expression", Map.of("type", "string"))));

    private final BaseAdapter adapter = FORMAT.adapter(wireMock);

    @AfterEach
    void close() {
        adapter.close();
    }

    private static String answer(String message, String finishReason) {
        return """
                {"model":"gpt-test","choices":[{"index":0,"message":%s,"finish_reason":%s}],
                 "usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}}""".formatted(message, finishReason);
    }

    @Test
    void sendsPlainTextWithBearerKeyAndCatalogMaxCompletionTokensAndParsesTheAnswer() {
        wireMock.stubFor(FORMAT.endpoint().willReturn(json(FORMAT.okBody)));

        LlmResponse response = call(adapter.invoke(List.of(Message.user("Hi"))));

        wireMock.verify(FORMAT.sentWithKey().withRequestBody(equalToJson("""
                {"model":"gpt-test","messages":[{"role":"user","content":"Hi"}],"max_completion_tokens":4096}""")));
        assertThat(response.content()).isEqualTo("Hello");
        assertThat(response.toolCalls()).isEmpty();
        assertThat(response.model()).isEqualTo("gpt-test");
        assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(response.usage()).isEqualTo(new Usage(10, 5, 15, null, null, null));
        assertThat(response.raw().get("id").stringValue()).isEqualTo("chatcmpl-1");
    }

    @Test
    void sendsSystemMessagesInPlaceAndSetOptions() {
        wireMock.stubFor(FORMAT.endpoint().willReturn(json(FORMAT.okBody)));
        LlmRequest request = LlmRequest.builder()
                .messages(List.of(Message.system("Be brief."), Message.user("Hi")))
                .maxTokens(100).temperature(0.7).stopSequences(List.of("END", "STOP"))
                .build();

        call(adapter.invoke(request));

        wireMock.verify(FORMAT.sentWithKey().withRequestBody(equalToJson("""
                {"model":"gpt-test","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"}],
                 "max_completion_tokens":100,"temperature":0.7,"stop":["END","STOP"]}""")));
    }

    @Test
    void completesAToolRoundTripSendingToolCallsAndOneToolMessagePerResult() {
        wireMock.stubFor(FORMAT.endpoint().inScenario("tools").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("tool called").willReturn(json(answer("""
                        {"role":"assistant","content":null,"tool_calls":[
                          {"id":"call_1","type":"function","function":{"name":"calculate","arguments":"{\\"expression\\":\\"123 * 456\\"}"}},
                          {"id":"call_2","type":"function","function":{"name":"calculate","arguments":"{\\"expression\\":\\"1 / 0\\",\\"precise\\":true}"}}]}""",
                        "\"tool_calls\""))));
        wireMock.stubFor(FORMAT.endpoint().inScenario("tools").whenScenarioStateIs("tool called")
                .willReturn(json(FORMAT.okBody)));
        List<Message> history = List.of(Message.user("What is 123 * 456?"));

        LlmResponse first = call(adapter.invoke(history, List.of(CALCULATOR)));
        assertThat(first.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(first.content()).isNull();
        assertThat(first.toolCalls()).containsExactly(
                new ToolCall("call_1", "calculate", Map.of("expression", "123 * 456")),
                new ToolCall("call_2", "calculate", Map.of("expression", "1 / 0", "precise", true)));

        List<Message> next = List.of(history.get(0), Message.assistant(first),
                Message.tool(List.of(new ToolResultBlock("call_1", "56088"), ToolResultBlock.error("call_2", "division by zero"))));
        assertThat(call(adapter.invoke(next, List.of(CALCULATOR))).content()).isEqualTo("Hello");

        wireMock.verify(FORMAT.sentWithKey().withRequestBody(equalToJson("""
                {"model":"gpt-test","max_completion_tokens":4096,
                 "messages":[{"role":"user","content":"What is 123 * 456?"},
                             {"role":"assistant","tool_calls":[
                               {"id":"call_1","type":"function","function":{"name":"calculate","arguments":"{\\"expression\\":\\"123 * 456\\"}"}},
                               {"id":"call_2","type":"function","function":{"name":"calculate","arguments":"{\\"expression\\":\\"1 / 0\\",\\"precise\\":true}"}}]},
                             {"role":"tool","tool_call_id":"call_1","content":"56088"},
                             {"role":"tool","tool_call_id":"call_2","content":"division by zero"}],
                 "tools":[{"type":"function","function":{"name":"calculate","description":"Evaluates arithmetic",
                           "parameters":{"type":"object","properties":{"expression":{"type":"string"}}}}}]}""")));
    }

    @Test
    void sendsImagesAsDataUrlContentParts() {
        wireMock.stubFor(FORMAT.endpoint().willReturn(json(FORMAT.okBody)));

        call(adapter.invoke(List.of(Message.user(List.of(new TextBlock("What is this?"), new ImageBlock("/9j/4AAQ", "image/jpeg"))))));

        wireMock.verify(FORMAT.sentWithKey().withRequestBody(equalToJson("""
                {"model":"gpt-test","max_completion_tokens":4096,
                 "messages":[{"role":"user","content":[{"type":"text","text":"What is this?"},
                   {"type":"image_url","image_url":{"url":"data:image/jpeg;base64,/9j/4AAQ"}}]}]}""")));
    }

    @ParameterizedTest
    @CsvSource({"stop, END_TURN", "tool_calls, TOOL_USE", "length, MAX_TOKENS", "content_filter, CONTENT_FILTER",
            "some_future_reason, END_TURN"})
    void mapsFinishReason(String wire, StopReason expected) {
        wireMock.stubFor(FORMAT.endpoint().willReturn(json(FORMAT.okBody.replace("\"stop\"", "\"" + wire + "\""))));

        assertThat(call(adapter.invoke(List.of(Message.user("Hi")))).stopReason()).isEqualTo(expected);
    }

    @Test
    void reportsARefusalAsContentFilteredContent() {
        wireMock.stubFor(FORMAT.endpoint().willReturn(json(answer(
                "{\"role\":\"assistant\",\"content\":null,\"refusal\":\"I can't help with that.\"}", "\"stop\""))));

        LlmResponse response = call(adapter.invoke(List.of(Message.user("Hi"))));

        assertThat(response.stopReason()).isEqualTo(StopReason.CONTENT_FILTER);
        assertThat(response.content()).isEqualTo("I can't help with that.");
    }

    @Test
    void excludesCachedTokensFromInputAndReportsReasoningTokens() {
        wireMock.stubFor(FORMAT.endpoint().willReturn(json("""
                {"model":"gpt-test","choices":[{"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":1200,"completion_tokens":300,"total_tokens":1500,
                          "prompt_tokens_details":{"cached_tokens":1000,"audio_tokens":0},
                          "completion_tokens_details":{"reasoning_tokens":250}}}""")));

        Usage usage = call(adapter.invoke(List.of(Message.user("Hi")))).usage();

        assertThat(usage).isEqualTo(new Usage(200, 300, 1500, 1000, null, 250));
    }

    @Test
    void ignoresToolCallsOfUnknownTypesAndUnknownMessageFields() {
        wireMock.stubFor(FORMAT.endpoint().willReturn(json(answer("""
                {"role":"assistant","content":"Done.","annotations":[{"type":"url_citation"}],"tool_calls":[
                  {"id":"call_x","type":"custom","custom":{"name":"grammar","input":"free text"}},
                  {"id":"call_1","type":"function","function":{"name":"calculate","arguments":""}}]}""", "\"tool_calls\""))));

        LlmResponse response = call(adapter.invoke(List.of(Message.user("Hi"))));

        assertThat(response.content()).isEqualTo("Done.");
        assertThat(response.toolCalls()).containsExactly(new ToolCall("call_1", "calculate", Map.of()));
    }

    @Test
    void rejectsInvalidToolArgumentsWithTheRawArgumentsString() {
        String arguments = "{\"expression\": \"123 * 456\"";
        wireMock.stubFor(FORMAT.endpoint().willReturn(json(answer("""
                {"role":"assistant","content":null,"tool_calls":[
                  {"id":"call_1","type":"function","function":{"name":"calculate","arguments":%s}}]}"""
                .formatted(quote(arguments)),
                "\"tool_calls\""))));

        Throwable error = failure(adapter.invoke(List.of(Message.user("Hi"))));

        assertThat(error).isInstanceOf(ArcLlmParseException.class).hasMessageContaining("openai tool call arguments");
        assertThat(((ArcLlmParseException) error).rawString()).isEqualTo(arguments);
        assertKeyAbsent(error);
    }

    @Test
    void rejectsContentChatCompletionsCannotCarryBeforeSendingAnything() {
        Message assistantWithImage = Message.assistant(List.of(new ImageBlock("iVBORw0KGgo=", "image/png")));

        Throwable error = failure(adapter.invoke(List.of(Message.user("Hi"), assistantWithImage)));

        assertThat(error).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ImageBlock")
                .hasMessageContaining("assistant message");
        wireMock.verify(0, FORMAT.sentWithKey());
    }

    @Test
    void mergesExtrasWithoutOverridingFieldsArcLlmSets() {
        wireMock.stubFor(FORMAT.endpoint().willReturn(json(FORMAT.okBody)));
        LlmRequest request = LlmRequest.builder().message(Message.user("Hi")).temperature(0.0)
                .extras(Map.of("reasoning_effort", "low", "temperature", 1.5, "messages", List.of(), "seed", 7))
                .build();

        call(adapter.invoke(request));

        wireMock.verify(FORMAT.sentWithKey().withRequestBody(equalToJson("""
                {"model":"gpt-test","messages":[{"role":"user","content":"Hi"}],"max_completion_tokens":4096,
                 "temperature":0.0,"reasoning_effort":"low","seed":7}""")));
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
