package io.arcllm;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.arcllm.internal.Immutables;
import io.arcllm.internal.json.JsonRequired;

/**
 * A tool call the model asked for in a response. JSON form:
 * {@code {"id": "toolu_1", "name": "calculate", "arguments": {...}}}.
 *
 * @param id the provider's id; answer it with {@link Message#tool(String, String)}
 * @param arguments the parsed JSON arguments
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"id", "name", "arguments"})
public record ToolCall(@JsonRequired String id, @JsonRequired String name, Map<String, Object> arguments) {

    /** Copies {@code arguments}; null becomes empty. */
    public ToolCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        arguments = Immutables.copyOf(arguments);
    }
}
