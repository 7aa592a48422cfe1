package io.arcllm;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.arcllm.internal.Checks;
import io.arcllm.internal.Immutables;
import io.arcllm.internal.json.JsonRequired;

/**
 * The model's request to call a tool, as it appears in an assistant message's history. JSON form:
 * {@code {"type": "tool_use", "id": "toolu_1", "name": "calculate", "arguments": {...}}}.
 *
 * @param id the provider's id for this call; a {@link ToolResultBlock} answers it by this id
 * @param arguments the parsed JSON arguments
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"id", "name", "arguments"})
public record ToolUseBlock(@JsonRequired String id, @JsonRequired String name, Map<String, Object> arguments)
        implements ContentBlock {

    /**
     * Copies {@code arguments}; a null map becomes empty.
     *
     * @throws ArcLlmValidationException if {@code id} or {@code name} is null or empty
     */
    public ToolUseBlock {
        Checks.notEmpty(id, "id");
        Checks.notEmpty(name, "name");
        arguments = arguments == null ? Map.of() : Immutables.copyOf(arguments);
    }

    /** The block that records {@code call} in the conversation history. */
    public static ToolUseBlock of(ToolCall call) {
        return new ToolUseBlock(call.id(), call.name(), call.arguments());
    }
}
