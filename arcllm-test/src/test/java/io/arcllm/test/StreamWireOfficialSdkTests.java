package io.arcllm.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.openai.models.chat.completions.ChatCompletionChunk;
import io.arcllm.config.ApiFormat;
import io.arcllm.test.wire.ProviderWire;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every stream the kit writes is a sequence of events the providers' official Java SDK models parse and validate. */
class StreamWireOfficialSdkTests {

    private static final ProviderWire ANTHROPIC = ProviderWire.of(ApiFormat.ANTHROPIC);
    private static final ProviderWire OPENAI = ProviderWire.of(ApiFormat.OPENAI);

    private static final com.fasterxml.jackson.databind.json.JsonMapper ANTHROPIC_JSON =
            com.anthropic.core.ObjectMappers.jsonMapper();
    private static final com.fasterxml.jackson.databind.json.JsonMapper OPENAI_JSON =
            com.openai.core.ObjectMappers.jsonMapper();

    @Test
    void anthropicTextStreamIsSdkStreamEvents() throws Exception {
        List<RawMessageStreamEvent> events = anthropic(ANTHROPIC.textStream("msg_1", "claude-x", List.of("Hel", "lo"), 10, 2));

        assertThat(events).hasSize(7);
        assertThat(events.get(0).asMessageStart().message().model().asString()).isEqualTo("claude-x");
        assertThat(events.get(0).asMessageStart().message().usage().inputTokens()).isEqualTo(10);
        assertThat(events.get(1).isContentBlockStart()).isTrue();
        assertThat(events.subList(2, 4)).map(e -> e.asContentBlockDelta().delta().asText().text()).containsExactly("Hel", "lo");
        assertThat(events.get(4).isContentBlockStop()).isTrue();
        assertThat(events.get(5).asMessageDelta().delta().stopReason()).contains(StopReason.END_TURN);
        assertThat(events.get(5).asMessageDelta().usage().outputTokens()).isEqualTo(2);
        assertThat(events.get(6).isMessageStop()).isTrue();
    }

    @Test
    void anthropicToolCallStreamIsSdkStreamEvents() throws Exception {
        List<RawMessageStreamEvent> events = anthropic(ANTHROPIC.toolCallStream("msg_2", "claude-x", "toolu_1",
                "get_weather", Map.of("city", "Paris"), 10, 5));

        assertThat(events.get(1).asContentBlockStart().contentBlock().asToolUse().name()).isEqualTo("get_weather");
        assertThat(events.subList(2, 4)).map(e -> e.asContentBlockDelta().delta().asInputJson().partialJson())
                .containsExactly("{\"city\":", "\"Paris\"}");
        assertThat(events.get(5).asMessageDelta().delta().stopReason()).contains(StopReason.TOOL_USE);
    }

    @Test
    void anthropicInterruptedStreamStopsAfterTheDeltas() throws Exception {
        List<RawMessageStreamEvent> events = anthropic(ANTHROPIC.interruptedTextStream("msg_3", "claude-x", List.of("Par"), 10));

        assertThat(events).hasSize(3);
        assertThat(events.get(2).asContentBlockDelta().delta().asText().text()).isEqualTo("Par");
    }

    @Test
    void openAiTextStreamIsSdkChunksThenDone() throws Exception {
        String sse = OPENAI.textStream("chatcmpl-1", "gpt-x", List.of("Hel", "lo"), 10, 2);
        List<ChatCompletionChunk> chunks = openAi(sse);

        assertThat(sse).endsWith("data: [DONE]\n\n");
        assertThat(chunks).hasSize(5).allSatisfy(chunk -> assertThat(chunk.model()).isEqualTo("gpt-x"));
        assertThat(chunks.subList(1, 3)).map(c -> c.choices().get(0).delta().content().orElseThrow()).containsExactly("Hel", "lo");
        assertThat(chunks.get(3).choices().get(0).finishReason()).contains(ChatCompletionChunk.Choice.FinishReason.STOP);
        assertThat(chunks.get(4).choices()).isEmpty();
        assertThat(chunks.get(4).usage().orElseThrow().promptTokens()).isEqualTo(10);
        assertThat(chunks.get(4).usage().orElseThrow().completionTokens()).isEqualTo(2);
    }

    @Test
    void openAiToolCallStreamIsSdkChunks() throws Exception {
        List<ChatCompletionChunk> chunks = openAi(OPENAI.toolCallStream("chatcmpl-2", "gpt-x", "call_1", "get_weather",
                Map.of("city", "Paris"), 10, 5));

        ChatCompletionChunk.Choice.Delta.ToolCall first = chunks.get(0).choices().get(0).delta().toolCalls().orElseThrow().get(0);
        assertThat(first.id()).contains("call_1");
        assertThat(first.function().orElseThrow().name()).contains("get_weather");
        assertThat(chunks.subList(1, 3)).map(c -> c.choices().get(0).delta().toolCalls().orElseThrow().get(0)
                .function().orElseThrow().arguments().orElseThrow()).containsExactly("{\"city\":", "\"Paris\"}");
        assertThat(chunks.get(3).choices().get(0).finishReason()).contains(ChatCompletionChunk.Choice.FinishReason.TOOL_CALLS);
    }

    @Test
    void openAiInterruptedStreamHasNoFinishReasonNorDone() throws Exception {
        String sse = OPENAI.interruptedTextStream("chatcmpl-3", "gpt-x", List.of("Par"), 10);

        assertThat(sse).doesNotContain("[DONE]");
        assertThat(openAi(sse)).hasSize(2).allSatisfy(chunk -> assertThat(chunk.choices().get(0).finishReason()).isEmpty());
    }

    /** The events of an Anthropic stream, each checked to name its own type in its {@code event:} line; pings left out. */
    private static List<RawMessageStreamEvent> anthropic(String sse) throws Exception {
        List<RawMessageStreamEvent> events = new ArrayList<>();
        for (String block : sse.split("\n\n")) {
            String[] lines = block.split("\n");
            assertThat(lines).hasSize(2);
            assertThat(lines[0]).startsWith("event: ");
            assertThat(lines[1]).startsWith("data: ").contains("\"type\":\"" + lines[0].substring(7) + "\"");
            if (!lines[0].equals("event: ping")) {
                events.add(ANTHROPIC_JSON.readValue(lines[1].substring(6), RawMessageStreamEvent.class).validate());
            }
        }
        return events;
    }

    private static List<ChatCompletionChunk> openAi(String sse) throws Exception {
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        for (String block : sse.split("\n\n")) {
            assertThat(block).startsWith("data: ").doesNotContain("\n");
            if (!block.equals("data: [DONE]")) {
                chunks.add(OPENAI_JSON.readValue(block.substring(6), ChatCompletionChunk.class).validate());
            }
        }
        return chunks;
    }
}
