package io.arcllm;

import java.util.Map;
import java.util.Objects;

import io.arcllm.internal.Immutables;

/**
 * A tool the model may call.
 *
 * @param parameters a JSON Schema object describing the arguments
 */
public record Tool(String name, String description, Map<String, Object> parameters) {

    /** Copies {@code parameters}; null becomes an empty object schema. */
    public Tool {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        parameters = parameters == null || parameters.isEmpty()
                ? Map.of("type", "object", "properties", Map.of())
                : Immutables.copyOf(parameters);
    }
}
