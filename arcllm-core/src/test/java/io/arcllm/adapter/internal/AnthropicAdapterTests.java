package io.arcllm.adapter.internal;

import io.arcllm.adapter.internal.BaseAdapter;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static io.arcllm.adapter.internal.AdapterTestSupport.call;
import static io.arcllm.adapter.internal.AdapterTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
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

class AnthropicAdapterTests {

    @RegisterExtension
    static WireMockExtension wireMock = AdapterTestSupport.wireMock();

    private static final Format FORMAT = Format.ANTHROPIC;
    private static final Tool CALCULATOR = new Tool("calculate", "Evaluates arithmetic",
            Map.of("type", "object", "properties", Map.of("expression", Map.of("type", "string"))));

    private final BaseAdapter adapter = FORMAT.adapter(wireMock);

    @AfterEach
    void close() {
        adapter.close();
    }

    @Test
    void sendsPlainTextWithKeyVersionAndDefaultMaxTokensAndParsesTheAnswer() {
        wireMock.stubFor(FORMAT.endpoint().willReturn(json(FORMAT.okBody)));

        LlmResponse response = call(adapter.invoke(List.of(Message.user("Hi"))));

        wireMock.verify(FORMAT.sentWithKey().withRequestBody(equalToJson("""
                {"model":"claude-test","max_tokens":4096,
                 "messages":[{"role":"user","content":[{"type":"text","text":"Hi"}]}]}""")));
        assertThat(response.content()).isEqualTo("Hello");
        assertThat(response.toolCalls()).isEmpty();
        assertThat(response.model()).isEqualTo("claude-test");
        assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(response.thinking()).isNull();
        assertThat(response.usage()).isEqualTo(new Usage(10, 5, 15, null, null, null));
        assertThat(response.raw().get("id").stringValue()).isEqualTo("msg_1");
    }

    @Test
    void liftsSystemMessagesToTopLevelSystemAndSendsSetOptions() {
        wireMock.stubFor(FORMAT.endpoint().willReturn(json(FORMAT.okBody)));
        LlmRequest request = LlmRequest.builder()
                .messages(List.of(Message.system("Be brief."), Message.user("Hi"), Message.system("Answer in French.")))
                .maxTokens(100).temperature(0.2).stopSequences(List.of("END"))
                .build();

        call(adapter.invoke(request));

        wireMock.verify(FORMAT.sentWithKey().withRequestBody(equalToJson("""
                {"model":"claude-test","max_tokens":100,"system":"Be brief.\\n\\nAnswer in French.",
                 "messages":[{"role":"user","content":[{"type":"text","text":"Hi"}]}],
                 "temperature":0.2,"stop_sequences":["END"]}""")));
    }

    @Test
    void completesAToolRoundTripSendingToolUseAndToolResultsBack() {
        wireMock.stubFor(FORMAT.endpoint().inScenario("tools").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("tool called").willReturn(json("""
                        {"model":"claude-test","stop_reason":"tool_use",
                         "content":[{"type":"text","text":"Let me calculate."},
                                    {"type":"tool_use","id":"toolu_1","name":"calculate","input":{"expression":"123 * 456"}},
                                    {"type":"tool_use","id":"toolu_2","name":"calculate","input":{"expression":"1 / 0"}}],
                         "usage":{"input_tokens":50,"output_tokens":30}}""")));
        wireMock.stubFor(FORMAT.endpoint().inScenario("tools").whenScenarioStateIs("tool called")
                .willReturn(json(FORMAT.okBody)));
        List<Message> history = List.of(Message.user("What is 123 * 456?"));

        LlmResponse first = call(adapter.invoke(history, List.of(CALCULATOR)));
        assertThat(first.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(first.content()).isEqualTo("Let me calculate.");
        assertThat(first.toolCalls()).containsExactly(
                new ToolCall("toolu_1", "calculate", Map.of("expression", "123 * 456")),
                new ToolCall("toolu_2", "calculate", Map.of("expression", "1 / 0")));

        List<Message> next = List.of(history.get(0), Message.assistant(first),
                Message.tool(List.of(new ToolResultBlock("toolu_1", "56088"), ToolResultBlock.error("toolu_2", "division by zero"))),
                Message.user("Thanks. Explain."));
        assertThat(call(adapter.invoke(next, List.of(CALCULATOR))).content()).isEqualTo("Hello");

        wireMock.verify(FORMAT.sentWithKey().withRequestBody(equalToJson("""
                {"model":"claude-test","max_tokens":4096,
                 "messages":[{"role":"user","content":[{"type":"text","text":"What is 123 * 456?"}]},
                             {"role":"assistant","content":[{"type":"text","text":"Let me calculate."},
                               {"type":"tool_use","id":"toolu_1","name":"calculate","input":{"expression":"123 * 456"}},
                               {"type":"tool_use","id":"toolu_2","name":"calculate","input":{"expression":"1 / 0"}}]},
                             {"role":"user","content":[
                               {"type":"tool_result","tool_use_id":"toolu_1","content":"56088"},
                               {"type":"tool_result","tool_use_id":"toolu_2","content":"division by zero","is_error":true},
                               {"type":"text","text":"Thanks. Explain."}]}],
                 "tools":[{"name":"calculate","description":"Evaluates arithmetic",
                           "input_schema":{"type":"object","properties":{"expression":{"type":"string"}}}}]}""")));
    }

    @Test
    void sendsImagesAsBase64Sources() {
        wireMock.stubFor(FORMAT.endpoint().willReturn(json(FORMAT.okBody)));

        call(adapter.invoke(List.of(Message.user(List.of(new TextBlock("What is this?"), new ImageBlock("iVBORw0KGgo=", "image/png"))))));

        wireMock.verify(FORMAT.sentWithKey().withRequestBody(equalToJson("""
                {"model":"claude-test","max_tokens":4096,
                 "messages":[{"role":"user","content":[{"type":"text","text":"What is this?"},
                   {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}}]}]}""")));
    }

    @Test
    void collectsThinkingAndJoinsTextWhileIgnoringUnknownBlocks() {
        wireMock.stubFor(FORMAT.endpoint().willReturn(json("""
                {"model":"claude-test","stop_reason":"end_turn","usage":{"input_tokens":1,"output_tokens":2},
                 "content":[{"type":"thinking","thinking":"First, 2 + 2.","signature":"sig"},
                            {"type":"redacted_thinking","data":"opaque"},
                            {"type":"thinking","thinking":"It is 4.","signature":"sig"},
                            {"type":"text","text":"The answer "},
                            {"type":"hologram","payload":{"any":"thing"}},
                            {"type":"text","text":"is 4."}]}""")));

        LlmResponse response = call(adapter.invoke(List.of(Message.user("2 + 2?"))));

        assertThat(response.thinking()).isEqualTo("First, 2 + 2.\n\nIt is 4.");
        assertThat(response.content()).isEqualTo("The answer is 4.");
        assertThat(response.toolCalls()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"end_turn, END_TURN", "tool_use, TOOL_USE", "max_tokens, MAX_TOKENS", "stop_sequence, STOP_SEQUENCE",
            "refusal, CONTENT_FILTER", "pause_turn, END_TURN", "model_context_window_exceeded, MAX_TOKENS",
            "some_future_reason, END_TURN"})
    void mapsStopReason(String wire, StopReason expected) {
        wireMock.stubFor(FORMAT.endpoint().willReturn(json(FORMAT.okBody.replace("\"end_turn\"", "\"" + wire + "\""))));

        assertThat(call(adapter.invoke(List.of(Message.user("Hi")))).stopReason()).isEqualTo(expected);
    }

    @Test
    void reportsCacheReadAndWriteTokensApartFromInputAndCountsThemInTheTotal() {
        wireMock.stubFor(FORMAT.endpoint().willReturn(json("""
                {"model":"claude-test","stop_reason":"end_turn","content":[{"type":"text","text":"ok"}],
                 "usage":{"input_tokens":12,"output_tokens":7,"cache_read_input_tokens":1000,
                          "cache_creation_input_tokens":200}}""")));

        Usage usage = call(adapter.invoke(List.of(Message.user("Hi")))).usage();

        assertThat(usage).isEqualTo(new Usage(12, 7, 1219, 1000, 200, null));
    }

    @Test
    void mergesExtrasWithoutOverridingFieldsArcLlmSets() {
        wireMock.stubFor(FORMAT.endpoint().willReturn(json(FORMAT.okBody)));
        LlmRequest request = LlmRequest.builder().message(Message.user("Hi")).maxTokens(2000)
                .extras(Map.of("thinking", Map.of("type", "enabled", "budget_tokens", 1024),
                        "model", "claude-other", "max_tokens", 1, "metadata", Map.of("user_id", "u-42")))
                .build();

        call(adapter.invoke(request));

        wireMock.verify(FORMAT.sentWithKey().withRequestBody(equalToJson("""
                {"model":"claude-test","max_tokens":2000,
                 "messages":[{"role":"user","content":[{"type":"text","text":"Hi"}]}],
                 "thinking":{"type":"enabled","budget_tokens":1024},"metadata":{"user_id":"u-42"}}""")));
    }
}
