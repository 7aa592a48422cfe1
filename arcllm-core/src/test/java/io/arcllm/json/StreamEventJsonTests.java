package io.arcllm.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import io.arcllm.LlmResponse;
import io.arcllm.LlmStreamEvent;
import io.arcllm.Message;
import io.arcllm.StopReason;
import io.arcllm.ThinkingBlock;
import io.arcllm.ToolCall;
import io.arcllm.Usage;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** The JSON form of stream events (what the sample app streams), thinking blocks and responses with them. */
class StreamEventJsonTests {

    private final JsonMapper mapper = JsonMappers.plain();

    @Test
    void eachEventTypeWritesItsDiscriminatorAndReadsBack() {
        List<LlmStreamEvent> events = List.of(new LlmStreamEvent.Start("claude-test"),
                new LlmStreamEvent.TextDelta("Hi"),
                new LlmStreamEvent.ThinkingDelta("", "sig"),
                new LlmStreamEvent.ToolCallStarted(0, "toolu_1", "calc"),
                new LlmStreamEvent.ToolCallArgumentsDelta(0, "{\"x\":"),
                new LlmStreamEvent.ToolCallCompleted(0, new ToolCall("toolu_1", "calc", Map.of("x", 1))),
                new LlmStreamEvent.UsageReported(new Usage(3, 4)),
                new LlmStreamEvent.Stop(StopReason.TOOL_USE));

        List<String> json = events.stream().map(mapper::writeValueAsString).toList();

        assertThat(json).containsExactly(
                "{\"type\":\"start\",\"model\":\"claude-test\"}",
                "{\"type\":\"text_delta\",\"text\":\"Hi\"}",
                "{\"type\":\"thinking_delta\",\"text\":\"\",\"signature\":\"sig\"}",
                "{\"type\":\"tool_call_started\",\"index\":0,\"id\":\"toolu_1\",\"name\":\"calc\"}",
                "{\"type\":\"tool_call_arguments_delta\",\"index\":0,\"fragment\":\"{\\\"x\\\":\"}",
                "{\"type\":\"tool_call_completed\",\"index\":0,\"call\":{\"id\":\"toolu_1\",\"name\":\"calc\",\"arguments\":{\"x\":1}}}",
                "{\"type\":\"usage\",\"usage\":{\"inputTokens\":3,\"outputTokens\":4,\"totalTokens\":7,"
                        + "\"cacheReadTokens\":null,\"cacheWriteTokens\":null,\"reasoningTokens\":null}}",
                "{\"type\":\"stop\",\"stopReason\":\"tool_use\"}");
        for (int i = 0; i < events.size(); i++) {
            assertThat(mapper.readValue(json.get(i), LlmStreamEvent.class)).isEqualTo(events.get(i));
        }
    }

    @Test
    void anEventWithoutItsRequiredFieldIsRejected() {
        assertThatThrownBy(() -> mapper.readValue("{\"type\":\"text_delta\"}", LlmStreamEvent.class))
                .isInstanceOf(JacksonException.class).hasMessageContaining("text");
    }

    @Test
    void aThinkingBlockRoundTripsInAMessage() throws Exception {
        Message message = Message.assistant(List.of(new ThinkingBlock("Let me think.", "sig-1")));
        String json = mapper.writeValueAsString(message);

        assertThat(json).isEqualTo("{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"Let me think.\","
                + "\"signature\":\"sig-1\"}]}");
        assertThat(mapper.readValue(json, Message.class)).isEqualTo(message);
    }

    @Test
    void aResponseWritesThinkingBlocksOnlyWhenItHasSome() {
        LlmResponse plain = new LlmResponse("4", new Usage(1, 1), "m", StopReason.END_TURN);
        LlmResponse thinking = new LlmResponse("4", List.of(), new Usage(1, 1), "m", StopReason.END_TURN, "hmm", null,
                List.of(new ThinkingBlock("hmm", "s")));

        assertThat(mapper.writeValueAsString(plain)).doesNotContain("thinkingBlocks");
        String json = mapper.writeValueAsString(thinking);
        assertThat(json).contains("\"thinkingBlocks\":[{\"type\":\"thinking\",\"thinking\":\"hmm\",\"signature\":\"s\"}]");
        assertThat(mapper.readValue(json, LlmResponse.class)).isEqualTo(thinking);
    }
}
