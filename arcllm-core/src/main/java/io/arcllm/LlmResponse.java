package io.arcllm;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.arcllm.internal.json.JsonRequired;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A normalized model answer. JSON form: {@code {"content": "4", "toolCalls": [], "usage": {...},
 * "model": "...", "stopReason": "end_turn", "thinking": null}}, plus {@code "thinkingBlocks": [...]} when the
 * answer has thinking blocks; {@code raw} is never written, and {@code usage}, {@code model} and
 * {@code stopReason} are required when reading.
 *
 * @param content the answer's text blocks joined; null when the model only called tools
 * @param toolCalls the tool calls the model asked for, in order; never null
 * @param model the model that answered, as the provider reports it
 * @param thinking the model's visible reasoning (Anthropic extended thinking), joined; null if none
 * @param raw the provider's JSON answer, for what this type does not normalize; not serialized; null for a
 *     streamed answer
 * @param thinkingBlocks the thinking blocks one by one, with their signatures, to send back in the history
 *     ({@link Message#assistant(LlmResponse)}); never null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"content", "toolCalls", "usage", "model", "stopReason", "thinking", "thinkingBlocks"})
public record LlmResponse(@Nullable String content,
                          @JsonSetter(contentNulls = Nulls.FAIL) List<ToolCall> toolCalls,
                          @JsonRequired Usage usage, @JsonRequired String model, @JsonRequired StopReason stopReason,
                          @Nullable String thinking, @JsonIgnore @Nullable JsonNode raw,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonSetter(contentNulls = Nulls.FAIL)
                          List<ThinkingBlock> thinkingBlocks) {

    /** Copies {@code toolCalls} and {@code thinkingBlocks}. */
    public LlmResponse {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(stopReason, "stopReason");
        thinkingBlocks = thinkingBlocks == null ? List.of() : List.copyOf(thinkingBlocks);
    }

    /** An answer without thinking blocks. */
    public LlmResponse(@Nullable String content, List<ToolCall> toolCalls, Usage usage, String model,
                       StopReason stopReason, @Nullable String thinking, @Nullable JsonNode raw) {
        this(content, toolCalls, usage, model, stopReason, thinking, raw, List.of());
    }

    /** A text answer without tool calls, thinking or raw payload. */
    public LlmResponse(String content, Usage usage, String model, StopReason stopReason) {
        this(content, List.of(), usage, model, stopReason, null, null, List.of());
    }

    /** Whether the model asked for tool calls. */
    public boolean hasToolCalls() {
        return !toolCalls.isEmpty();
    }

    /** This response without its raw provider payload (smaller to keep or log). */
    public LlmResponse withoutRaw() {
        return raw == null ? this : new LlmResponse(content, toolCalls, usage, model, stopReason, thinking, null, thinkingBlocks);
    }
}
