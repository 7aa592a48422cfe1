package io.arcllm;

import java.util.Map;
import java.util.Objects;

import io.arcllm.internal.Immutables;

/**
 * A tool call the model asked for in a response.
 *
 * @param id the provider's id; answer it with {@link Message#tool(String, String)}
 * @param arguments the parsed JSON arguments
 */
public record ToolCall(String id, String name, Map<String, Object> arguments) {

    /** Copies {@code arguments}; null becomes empty. */
    public ToolCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        arguments = Immutables.copyOf(arguments);
    }
}
