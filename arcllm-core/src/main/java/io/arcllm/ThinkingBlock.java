package io.arcllm;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.arcllm.internal.json.JsonRequired;
import org.jspecify.annotations.Nullable;

/**
 * The model's visible reasoning (Anthropic extended thinking), as it appears in an assistant message's history.
 * JSON form: {@code {"type": "thinking", "thinking": "...", "signature": "..."}}.
 *
 * <p>With extended thinking and tool use, Anthropic requires the assistant turn that asked for a tool to be sent
 * back with its thinking blocks unchanged, signature included; {@link Message#assistant(LlmResponse)} does that.
 * Formats without thinking blocks (OpenAI Chat Completions) leave them out when sending.
 *
 * @param thinking the reasoning text
 * @param signature the provider's signature over the block, or null when it sent none; sent back as it came
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"thinking", "signature"})
public record ThinkingBlock(@JsonRequired String thinking, @Nullable String signature) implements ContentBlock {

    /** @throws NullPointerException if {@code thinking} is null */
    public ThinkingBlock {
        Objects.requireNonNull(thinking, "thinking");
    }

    /** The blocks' text separated by blank lines, as {@link LlmResponse#thinking()} holds it; null when there are none. */
    public static @Nullable String joined(List<ThinkingBlock> blocks) {
        if (blocks.isEmpty()) {
            return null;
        }
        StringBuilder joined = new StringBuilder();
        for (ThinkingBlock block : blocks) {
            joined.append(joined.isEmpty() ? "" : "\n\n").append(block.thinking());
        }
        return joined.toString();
    }
}
