package io.arcllm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Requests, responses, usage and tools: defaults, validation messages, copies. */
class RequestResponseTests {

    private static final List<Message> HI = List.of(Message.user("hi"));

    @Test
    void requestOfMessagesHasDefaultOptions() {
        LlmRequest request = LlmRequest.of(HI);

        assertThat(request.messages()).isEqualTo(HI);
        assertThat(request.tools()).isEmpty();
        assertThat(request.maxTokens()).isNull();
        assertThat(request.temperature()).isNull();
        assertThat(request.stopSequences()).isEmpty();
        assertThat(request.extras()).isEmpty();
    }

    @Test
    void requestWithoutMessagesIsRejected() {
        assertThatThrownBy(() -> LlmRequest.of(List.of())).isInstanceOf(ArcLlmValidationException.class)
                .hasMessage("messages must not be empty: give at least one message");
        assertThatThrownBy(() -> LlmRequest.builder().build()).isInstanceOf(ArcLlmValidationException.class)
                .hasMessage("messages must not be empty: give at least one message");
    }

    @Test
    void invalidOptionsAreRejectedNamingTheProperty() {
        assertThatThrownBy(() -> LlmRequest.builder().messages(HI).maxTokens(0).build())
                .isInstanceOf(ArcLlmValidationException.class).hasMessage("maxTokens must be >= 1, was 0");
        assertThatThrownBy(() -> LlmRequest.builder().messages(HI).temperature(-0.5).build())
                .isInstanceOf(ArcLlmValidationException.class).hasMessage("temperature must be a finite number >= 0, was -0.5");
        assertThatThrownBy(() -> LlmRequest.builder().messages(HI).temperature(Double.NaN).build())
                .isInstanceOf(ArcLlmValidationException.class).hasMessage("temperature must be a finite number >= 0, was NaN");
    }

    @Test
    void requestCopiesCollectionsSoTheCallerCannotChangeIt() {
        List<Message> messages = new ArrayList<>(HI);
        List<String> stops = new ArrayList<>(List.of("END"));
        Map<String, Object> extras = new HashMap<>(Map.of("seed", 7));
        LlmRequest request = LlmRequest.builder().messages(messages).stopSequences(stops).extras(extras).build();

        messages.add(Message.user("more"));
        stops.clear();
        extras.put("seed", 8);

        assertThat(request.messages()).isEqualTo(HI);
        assertThat(request.stopSequences()).containsExactly("END");
        assertThat(request.extras()).containsExactly(Map.entry("seed", 7));
        assertThatThrownBy(() -> request.messages().add(Message.user("x")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void toBuilderDerivesAChangedCopyAndLeavesTheOriginal() {
        LlmRequest original = LlmRequest.builder().messages(HI).maxTokens(100).temperature(0.2)
                .tools(List.of(new Tool("f", "d", null))).build();

        LlmRequest changed = original.toBuilder().message(Message.assistant("hello")).maxTokens(50).build();

        assertThat(changed.messages()).hasSize(2);
        assertThat(changed.maxTokens()).isEqualTo(50);
        assertThat(changed.temperature()).isEqualTo(0.2);
        assertThat(changed.tools()).isEqualTo(original.tools());
        assertThat(original.messages()).isEqualTo(HI);
        assertThat(original.maxTokens()).isEqualTo(100);
    }

    @Test
    void toolWithoutParametersGetsAnEmptyObjectSchemaAndEmptyDescription() {
        Tool tool = new Tool("now", null, null);

        assertThat(tool.description()).isEmpty();
        assertThat(tool.parameters()).isEqualTo(Map.of("type", "object", "properties", Map.of()));
    }

    @Test
    void toolCallRequiresIdAndNameAndDefaultsArguments() {
        assertThat(new ToolCall("t", "f", null).arguments()).isEmpty();
        assertThatThrownBy(() -> new ToolCall(null, "f", Map.of())).isInstanceOf(NullPointerException.class)
                .hasMessage("id");
        assertThatThrownBy(() -> new ToolCall("t", null, Map.of())).isInstanceOf(NullPointerException.class)
                .hasMessage("name");
    }

    @Test
    void usageTotalIsTheSumAndOptionalCountsAreUnknown() {
        Usage usage = new Usage(12, 6);

        assertThat(usage.totalTokens()).isEqualTo(18);
        assertThat(usage.cacheReadTokens()).isNull();
        assertThat(usage.cacheWriteTokens()).isNull();
        assertThat(usage.reasoningTokens()).isNull();
        assertThat(Usage.empty()).isEqualTo(new Usage(0, 0, 0));
    }

    @Test
    void negativeTokenCountsAreRejected() {
        assertThatThrownBy(() -> new Usage(-1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("token counts must be >= 0");
    }

    @Test
    void responseReportsToolCallsAndDropsRawOnRequest() {
        LlmResponse response = new LlmResponse(null, List.of(new ToolCall("t", "f", Map.of())), new Usage(1, 1),
                "m", StopReason.TOOL_USE, null, JsonMapper.builder().build().readTree("{\"id\": \"msg_1\"}"));

        assertThat(response.hasToolCalls()).isTrue();
        assertThat(response.withoutRaw().raw()).isNull();
        assertThat(response.withoutRaw()).usingRecursiveComparison().ignoringFields("raw").isEqualTo(response);
        assertThat(new LlmResponse("hi", new Usage(1, 1), "m", StopReason.END_TURN).hasToolCalls()).isFalse();
    }

    @Test
    void responseRequiresUsageModelAndStopReason() {
        assertThatThrownBy(() -> new LlmResponse("x", null, "m", StopReason.END_TURN))
                .isInstanceOf(NullPointerException.class).hasMessage("usage");
        assertThatThrownBy(() -> new LlmResponse("x", Usage.empty(), null, StopReason.END_TURN))
                .isInstanceOf(NullPointerException.class).hasMessage("model");
        assertThatThrownBy(() -> new LlmResponse("x", Usage.empty(), "m", null))
                .isInstanceOf(NullPointerException.class).hasMessage("stopReason");
    }
}
