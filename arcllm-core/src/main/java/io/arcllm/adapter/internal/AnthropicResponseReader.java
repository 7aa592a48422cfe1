package io.arcllm.adapter.internal;

import java.util.ArrayList;
import java.util.List;

import io.arcllm.LlmResponse;
import io.arcllm.StopReason;
import io.arcllm.ThinkingBlock;
import io.arcllm.ToolCall;
import io.arcllm.Usage;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads an Anthropic Messages API answer.
 * <ul>
 *   <li>{@code text} blocks are joined into the content (null when there are none), {@code thinking}
 *       blocks into the thinking (separated by blank lines) and, one by one with their signatures, into the
 *       thinking blocks, {@code tool_use} blocks become tool calls;
 *       other block types ({@code redacted_thinking}, server tool blocks, future ones) are ignored.</li>
 *   <li>{@code stop_reason}: {@code end_turn}, {@code tool_use}, {@code max_tokens}, {@code stop_sequence}
 *       map to their namesakes; {@code refusal} → {@link StopReason#CONTENT_FILTER};
 *       {@code model_context_window_exceeded} → {@link StopReason#MAX_TOKENS}; {@code pause_turn} (a server
 *       tool paused a long turn; send the answer back to continue) and unknown values → {@link StopReason#END_TURN}.</li>
 *   <li>Usage: {@code input_tokens} excludes cache reads and writes, which are reported as
 *       {@code cache_read_input_tokens} and {@code cache_creation_input_tokens}; the total is all four summed.</li>
 * </ul>
 * Required: {@code content}, {@code stop_reason}, {@code usage.input_tokens}, {@code usage.output_tokens};
 * a missing {@code model} falls back to the requested one.
 */
public final class AnthropicResponseReader {

    private AnthropicResponseReader() {
    }

    /**
     * @throws ResponseShapeException if a required field is missing or has the wrong type
     */
    public static LlmResponse read(JsonNode answer, String requestedModel) {
        // One text block is the usual answer: its string is the content, a builder only from the second one.
        String text = null;
        StringBuilder joined = null;
        List<ThinkingBlock> thinking = List.of();
        List<ToolCall> toolCalls = List.of();
        int index = 0;
        for (JsonNode block : Json.requiredArray(answer, "content", "content")) {
            String type = Json.optionalString(block, "type");
            if ("text".equals(type)) {
                String part = blockString(block, "text", index);
                if (text == null) {
                    text = part;
                } else {
                    joined = (joined == null ? new StringBuilder(text) : joined).append(part);
                }
            } else if ("thinking".equals(type)) {
                thinking = growable(thinking);
                thinking.add(new ThinkingBlock(blockString(block, "thinking", index), Json.optionalString(block, "signature")));
            } else if ("tool_use".equals(type)) {
                toolCalls = growable(toolCalls);
                toolCalls.add(new ToolCall(blockString(block, "id", index), blockString(block, "name", index),
                        Json.toMap(blockObject(block, "input", index))));
            }
            index++;
        }
        String model = Json.optionalString(answer, "model");
        return new LlmResponse(joined != null ? joined.toString() : text, toolCalls, usage(answer),
                model == null ? requestedModel : model,
                stopReason(Json.requiredString(answer, "stop_reason", "stop_reason")),
                ThinkingBlock.joined(thinking), answer, thinking);
    }

    private static <T> List<T> growable(List<T> list) {
        return list instanceof ArrayList ? list : new ArrayList<>(2);
    }

    /** The required string {@code content[index].name}; its path is only spelled out for the error. */
    private static String blockString(JsonNode block, String name, int index) {
        JsonNode value = block.get(name);
        return value != null && value.isString() ? value.stringValue()
                : Json.requiredString(block, name, "content[" + index + "]." + name);
    }

    /** The required object {@code content[index].name}; its path is only spelled out for the error. */
    private static JsonNode blockObject(JsonNode block, String name, int index) {
        JsonNode value = block.get(name);
        return value != null && value.isObject() ? value : Json.requiredObject(block, name, "content[" + index + "]." + name);
    }

    private static Usage usage(JsonNode answer) {
        return usage(Json.requiredObject(answer, "usage", "usage"), null);
    }

    /**
     * The usage in an Anthropic {@code usage} object; counts it lacks are taken from {@code earlier} (a stream's
     * {@code message_delta} may report only the output tokens).
     */
    static Usage usage(JsonNode usage, @Nullable Usage earlier) {
        if (earlier != null) {
            int input = orElse(Json.optionalCount(usage, "input_tokens", "usage.input_tokens"), earlier.inputTokens());
            int output = orElse(Json.optionalCount(usage, "output_tokens", "usage.output_tokens"), earlier.outputTokens());
            Integer cacheRead = Json.optionalCount(usage, "cache_read_input_tokens", "usage.cache_read_input_tokens");
            Integer cacheWrite = Json.optionalCount(usage, "cache_creation_input_tokens", "usage.cache_creation_input_tokens");
            return usage(input, output, cacheRead != null ? cacheRead : earlier.cacheReadTokens(),
                    cacheWrite != null ? cacheWrite : earlier.cacheWriteTokens());
        }
        int input = Json.requiredCount(usage, "input_tokens", "usage.input_tokens");
        int output = Json.requiredCount(usage, "output_tokens", "usage.output_tokens");
        Integer cacheRead = Json.optionalCount(usage, "cache_read_input_tokens", "usage.cache_read_input_tokens");
        Integer cacheWrite = Json.optionalCount(usage, "cache_creation_input_tokens", "usage.cache_creation_input_tokens");
        return usage(input, output, cacheRead, cacheWrite);
    }

    private static Usage usage(int input, int output, @Nullable Integer cacheRead, @Nullable Integer cacheWrite) {
        int total = input + output + (cacheRead == null ? 0 : cacheRead) + (cacheWrite == null ? 0 : cacheWrite);
        return new Usage(input, output, total, cacheRead, cacheWrite, null);
    }

    private static int orElse(@Nullable Integer value, int fallback) {
        return value != null ? value : fallback;
    }

    /** The normalized stop reason for Anthropic's {@code stop_reason}. */
    public static StopReason stopReason(String stopReason) {
        return switch (stopReason) {
            case "tool_use" -> StopReason.TOOL_USE;
            case "max_tokens", "model_context_window_exceeded" -> StopReason.MAX_TOKENS;
            case "stop_sequence" -> StopReason.STOP_SEQUENCE;
            case "refusal" -> StopReason.CONTENT_FILTER;
            default -> StopReason.END_TURN;
        };
    }
}
