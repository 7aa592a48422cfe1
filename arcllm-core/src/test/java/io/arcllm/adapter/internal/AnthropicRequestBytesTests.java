package io.arcllm.adapter.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.arcllm.ImageBlock;
import io.arcllm.LlmRequest;
import io.arcllm.Message;
import io.arcllm.ResponseFormat;
import io.arcllm.TextBlock;
import io.arcllm.ThinkingBlock;
import io.arcllm.Tool;
import io.arcllm.ToolChoice;
import io.arcllm.ToolResultBlock;
import io.arcllm.ToolUseBlock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The streaming writer sends exactly the bytes of the tree writer, for every field and block the tree writer knows
 * (the adapter's HTTP tests check what those bytes mean on the wire).
 */
class AnthropicRequestBytesTests {

    static List<LlmRequest> requests() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", Map.of("a", Map.of("type", "number", "minimum", 0.5)));
        schema.put("required", List.of("a"));
        schema.put("nothing", null);
        return List.of(
                LlmRequest.of(List.of(Message.user("Hello"))),
                LlmRequest.of(List.of(Message.system("Only system"))),
                LlmRequest.builder()
                        .messages(List.of(
                                Message.system("Be brief."),
                                Message.user("What is 2+2, \"quoted\" \u00e9\u4e2d \ud83d\ude00?"),
                                Message.system("Second system."),
                                Message.assistant(List.of(new ThinkingBlock("hmm", "sig-1"), new ThinkingBlock("no sig", null),
                                        new TextBlock("Let me compute."),
                                        new ToolUseBlock("toolu_1", "add", Map.of("a", 2, "b", 2.5)))),
                                Message.tool(List.of(new ToolResultBlock("toolu_1", "4"), ToolResultBlock.error("toolu_2", "boom"))),
                                Message.user(List.of(new TextBlock("And this?"), new ImageBlock("iVBORw0KGgo=", "image/png"))),
                                Message.tool(List.of(new ToolResultBlock("toolu_3",
                                        List.of(new TextBlock("see"), new ImageBlock("AAAA", "image/jpeg")), false))),
                                Message.assistant("Done.")))
                        .tools(List.of(new Tool("add", "Adds numbers", schema), new Tool("noop", "", Map.of())))
                        .toolChoice(ToolChoice.tool("add"))
                        .responseFormat(ResponseFormat.jsonSchema("answer", schema))
                        .temperature(0.2)
                        .maxTokens(321)
                        .stopSequences(List.of("END", "\n\nHuman:"))
                        .build(),
                LlmRequest.builder().messages(List.of(Message.user("x"))).toolChoice(ToolChoice.required())
                        .tools(List.of(new Tool("noop", "", Map.of()))).temperature(1.0).build(),
                LlmRequest.builder().messages(List.of(Message.user("x"))).toolChoice(ToolChoice.none()).temperature(0.0).build(),
                LlmRequest.builder().messages(List.of(Message.user("x"))).toolChoice(ToolChoice.auto()).build());
    }

    @ParameterizedTest
    @MethodSource("requests")
    void writesTheSameBytesAsTheTree(LlmRequest request) {
        byte[] tree = Json.MAPPER.writeValueAsBytes(AnthropicRequestWriter.write(request, "claude-test", 1024));
        byte[] bytes = AnthropicRequestBytes.write(request, "claude-test", 1024);

        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(new String(tree, StandardCharsets.UTF_8));
        assertThat(bytes).isEqualTo(tree);
    }
}
