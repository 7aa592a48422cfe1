package io.arcllm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** {@link LlmRequest#toolChoice()} and {@link LlmRequest#responseFormat()}: checks, builder and JSON form. */
class RequestOptionsTests {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final Tool WEATHER = new Tool("get_weather", "", Map.of());

    @Test
    void aNamedToolChoiceMustNameAGivenTool() {
        assertThatThrownBy(() -> LlmRequest.builder().message(Message.user("?")).tools(List.of(WEATHER))
                .toolChoice(ToolChoice.tool("search")).build())
                .isInstanceOf(ArcLlmValidationException.class).hasMessageStartingWith("toolChoice.name")
                .hasMessageContaining("search");
        assertThatThrownBy(() -> LlmRequest.builder().message(Message.user("?")).toolChoice(ToolChoice.required()).build())
                .isInstanceOf(ArcLlmValidationException.class).hasMessageContaining("at least one tool");
        assertThatThrownBy(() -> ToolChoice.tool(" ")).isInstanceOf(ArcLlmValidationException.class);
        assertThatThrownBy(() -> new ToolChoice(ToolChoice.Type.AUTO, "x")).isInstanceOf(ArcLlmValidationException.class);
    }

    @Test
    void aResponseFormatNeedsAValidNameAndASchema() {
        assertThatThrownBy(() -> ResponseFormat.jsonSchema("my schema", Map.of("type", "object")))
                .isInstanceOf(ArcLlmValidationException.class).hasMessageStartingWith("name must be 1-64");
        assertThatThrownBy(() -> ResponseFormat.jsonSchema("s", Map.of()))
                .isInstanceOf(ArcLlmValidationException.class).hasMessageStartingWith("schema must be");
    }

    @Test
    void bothOptionsSurviveToBuilderAndJson() {
        LlmRequest request = LlmRequest.builder().message(Message.user("?")).tools(List.of(WEATHER))
                .toolChoice(ToolChoice.tool("get_weather"))
                .responseFormat(ResponseFormat.jsonSchema("w", Map.of("type", "object"))).build();

        assertThat(request.toBuilder().build()).isEqualTo(request);
        String json = MAPPER.writeValueAsString(request);
        assertThat(json).contains("\"toolChoice\":{\"type\":\"tool\",\"name\":\"get_weather\"}",
                "\"responseFormat\":{\"name\":\"w\",\"schema\":{\"type\":\"object\"},\"strict\":true}");
        assertThat(MAPPER.readValue(json, LlmRequest.class)).isEqualTo(request);
    }

    @Test
    void jsonReadsTheDocumentedFormsWithStrictByDefault() {
        LlmRequest request = MAPPER.readValue("""
                {"messages":[{"role":"user","content":"?"}],"toolChoice":{"type":"required"},
                 "tools":[{"name":"get_weather"}],"responseFormat":{"name":"w","schema":{"type":"object"}}}""",
                LlmRequest.class);

        assertThat(request.toolChoice()).isEqualTo(ToolChoice.required());
        assertThat(request.responseFormat().strict()).isTrue();
        assertThat(MAPPER.writeValueAsString(LlmRequest.of(List.of(Message.user("?")))))
                .as("unset options are not written").doesNotContain("toolChoice", "responseFormat");
    }
}
