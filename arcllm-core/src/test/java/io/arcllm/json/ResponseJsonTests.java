package io.arcllm.json;

import static io.arcllm.json.JsonMappers.assertSameJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.arcllm.LlmResponse;
import io.arcllm.StopReason;
import io.arcllm.ToolCall;
import io.arcllm.Usage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Responses, usage and stop reasons in the JSON form of DESIGN.md §2. */
class ResponseJsonTests {

    private static final String DESIGN_RESPONSE = """
            {"content": "4", "toolCalls": [{"id": "call_1", "name": "calculate", "arguments": {}}],
             "usage": {"inputTokens": 12, "outputTokens": 6, "totalTokens": 18,
                       "cacheReadTokens": 0, "cacheWriteTokens": null, "reasoningTokens": null},
             "model": "claude-sonnet-4-20250514", "stopReason": "end_turn", "thinking": null}
            """;

    private final JsonMapper mapper = JsonMappers.plain();

    @ParameterizedTest
    @CsvSource({"END_TURN, end_turn", "TOOL_USE, tool_use", "MAX_TOKENS, max_tokens",
            "STOP_SEQUENCE, stop_sequence", "CONTENT_FILTER, content_filter"})
    void stopReasonsAreSpelledInLowerSnakeCaseBothWays(StopReason reason, String json) {
        assertThat(mapper.writeValueAsString(reason)).isEqualTo("\"" + json + "\"");
        assertThat(mapper.readValue("\"" + json + "\"", StopReason.class)).isEqualTo(reason);
    }

    @Test
    void designResponseExampleReadsFieldByField() {
        LlmResponse response = mapper.readValue(DESIGN_RESPONSE, LlmResponse.class);

        assertThat(response.content()).isEqualTo("4");
        assertThat(response.toolCalls()).containsExactly(new ToolCall("call_1", "calculate", Map.of()));
        assertThat(response.usage().inputTokens()).isEqualTo(12);
        assertThat(response.usage().outputTokens()).isEqualTo(6);
        assertThat(response.usage().totalTokens()).isEqualTo(18);
        assertThat(response.usage().cacheReadTokens()).isZero();
        assertThat(response.usage().cacheWriteTokens()).isNull();
        assertThat(response.usage().reasoningTokens()).isNull();
        assertThat(response.model()).isEqualTo("claude-sonnet-4-20250514");
        assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(response.thinking()).isNull();
        assertThat(response.raw()).isNull();
    }

    @Test
    void responseIsWrittenInDesignOrderWithNullsShown() {
        LlmResponse response = new LlmResponse("4", List.of(new ToolCall("call_1", "calculate", Map.of())),
                new Usage(12, 6, 18, 0, null, null), "claude-sonnet-4-20250514", StopReason.END_TURN, null, null);

        assertThat(mapper.writeValueAsString(response)).isEqualTo("{\"content\":\"4\","
                + "\"toolCalls\":[{\"id\":\"call_1\",\"name\":\"calculate\",\"arguments\":{}}],"
                + "\"usage\":{\"inputTokens\":12,\"outputTokens\":6,\"totalTokens\":18,"
                + "\"cacheReadTokens\":0,\"cacheWriteTokens\":null,\"reasoningTokens\":null},"
                + "\"model\":\"claude-sonnet-4-20250514\",\"stopReason\":\"end_turn\",\"thinking\":null}");
    }

    @Test
    void designResponseExampleIsWrittenBackAsTheSameJson() {
        LlmResponse response = mapper.readValue(DESIGN_RESPONSE, LlmResponse.class);

        assertSameJson(mapper.writeValueAsString(response), DESIGN_RESPONSE);
    }

    @ParameterizedTest
    @MethodSource("io.arcllm.json.JsonMappers#all")
    void rawProviderPayloadIsNeverWritten(ObjectMapper anyMapper) {
        LlmResponse response = new LlmResponse("4", List.of(), Usage.empty(), "gpt-4o", StopReason.END_TURN, null,
                anyMapper.readTree("{\"id\": \"chatcmpl-1\", \"secret_detail\": \"x\"}"));

        String json = anyMapper.writeValueAsString(response);

        assertThat(json).doesNotContain("raw").doesNotContain("chatcmpl-1").doesNotContain("secret_detail");
        assertThat(anyMapper.readValue(json, LlmResponse.class)).isEqualTo(response.withoutRaw());
    }

    @Test
    void rawInInputIsIgnored() {
        LlmResponse response = mapper.readValue("""
                {"content": "4", "usage": {"inputTokens": 1, "outputTokens": 1, "totalTokens": 2},
                 "model": "m", "stopReason": "end_turn", "raw": {"id": "msg_1"}}""", LlmResponse.class);

        assertThat(response.raw()).isNull();
        assertThat(response.content()).isEqualTo("4");
    }

    @ParameterizedTest
    @MethodSource("io.arcllm.json.JsonMappers#all")
    void responseWithToolCallsAndThinkingRoundTrips(ObjectMapper anyMapper) {
        LlmResponse response = new LlmResponse(null,
                List.of(new ToolCall("toolu_1", "calculate", Map.of("expression", "123 * 456")),
                        new ToolCall("toolu_2", "lookup", Map.of("ids", List.of(1, 2, 3), "deep", Map.of("x", 1.5)))),
                new Usage(100, 40, 140, 80, 20, 12), "claude-sonnet-4-20250514", StopReason.TOOL_USE,
                "I should call the calculator.", null);

        assertThat(anyMapper.readValue(anyMapper.writeValueAsString(response), LlmResponse.class)).isEqualTo(response);
    }

    @Test
    void responseWithoutToolCallsReadsAsEmptyList() {
        LlmResponse response = mapper.readValue("""
                {"content": "hi", "usage": {"inputTokens": 1, "outputTokens": 1, "totalTokens": 2},
                 "model": "m", "stopReason": "max_tokens"}""", LlmResponse.class);

        assertThat(response.toolCalls()).isEmpty();
        assertThat(response.hasToolCalls()).isFalse();
        assertThat(response.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
    }

    @Test
    void usageOptionalCountsAreWrittenAsNullAndZeroIsKeptDistinct() {
        String json = mapper.writeValueAsString(new Usage(5, 7, 12, 0, null, 3));

        assertThat(json).isEqualTo("{\"inputTokens\":5,\"outputTokens\":7,\"totalTokens\":12,"
                + "\"cacheReadTokens\":0,\"cacheWriteTokens\":null,\"reasoningTokens\":3}");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"inputTokens\": 5, \"outputTokens\": 7, \"totalTokens\": 12}",
            "{\"inputTokens\": 5, \"outputTokens\": 7, \"totalTokens\": 12, \"cacheReadTokens\": null, "
                    + "\"cacheWriteTokens\": null, \"reasoningTokens\": null}"})
    void usageOptionalCountsReadAsNullWhenAbsentOrNull(String json) {
        assertThat(mapper.readValue(json, Usage.class)).isEqualTo(new Usage(5, 7, 12));
    }

    @ParameterizedTest
    @MethodSource("io.arcllm.json.JsonMappers#all")
    void usageRoundTripsWithEveryMixOfOptionalCounts(ObjectMapper anyMapper) {
        for (Usage usage : List.of(new Usage(1, 2), new Usage(1, 2, 3, 0, 0, 0), new Usage(10, 20, 30, null, 4, null))) {
            assertThat(anyMapper.readValue(anyMapper.writeValueAsString(usage), Usage.class)).isEqualTo(usage);
        }
    }

    @ParameterizedTest
    @EnumSource(value = JsonInclude.Include.class, names = {"NON_NULL", "NON_EMPTY", "NON_DEFAULT"})
    void writtenFormIgnoresTheMappersDefaultInclusion(JsonInclude.Include inclusion) {
        ObjectMapper custom = JsonMappers.springBootWithInclusion(inclusion);
        ToolCall callWithNullArgument = new ToolCall("t", "f", Collections.singletonMap("unit", null));
        LlmResponse response = new LlmResponse("", List.of(callWithNullArgument), new Usage(0, 0, 0, 0, null, null),
                "m", StopReason.END_TURN, null, null);

        String json = custom.writeValueAsString(response);

        assertThat(json).isEqualTo(mapper.writeValueAsString(response)).contains("\"thinking\":null");
        assertThat(custom.readValue(json, LlmResponse.class)).isEqualTo(response);
    }

    @Test
    void unknownStopReasonIsRejectedListingTheKnownOnes() {
        String json = DESIGN_RESPONSE.replace("\"end_turn\"", "\"length\"");

        assertThatThrownBy(() -> mapper.readValue(json, LlmResponse.class))
                .isInstanceOf(DatabindException.class)
                .hasMessageContaining("\"length\"")
                .hasMessageContaining("end_turn").hasMessageContaining("content_filter");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"model\": \"claude-sonnet-4-20250514\",|model",
            "\"stopReason\": \"end_turn\",|stopReason"})
    void responseWithoutModelOrStopReasonIsRejectedNamingIt(String removed, String property) {
        String json = DESIGN_RESPONSE.replace(removed, "");

        assertThatThrownBy(() -> mapper.readValue(json, LlmResponse.class))
                .isInstanceOf(DatabindException.class)
                .hasMessageStartingWith("Missing required creator property '" + property + "'");
    }

    @Test
    void usageWithoutACountIsRejectedNamingIt() {
        assertThatThrownBy(() -> mapper.readValue("{\"inputTokens\": 1, \"outputTokens\": 2}", Usage.class))
                .isInstanceOf(DatabindException.class)
                .hasMessageStartingWith("Missing required creator property 'totalTokens'");
    }

    @Test
    void negativeTokenCountIsRejected() {
        String json = "{\"inputTokens\": -1, \"outputTokens\": 2, \"totalTokens\": 1}";

        assertThatThrownBy(() -> mapper.readValue(json, Usage.class))
                .isInstanceOf(DatabindException.class)
                .hasMessageContaining("token counts must be >= 0");
    }
}
