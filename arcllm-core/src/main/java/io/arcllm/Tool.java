package io.arcllm;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.arcllm.internal.Immutables;
import io.arcllm.internal.json.JsonRequired;

/**
 * A tool the model may call. JSON form:
 * {@code {"name": "calculate", "description": "...", "parameters": {"type": "object", ...}}};
 * only {@code name} is required when reading.
 *
 * @param parameters a JSON Schema object describing the arguments
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"name", "description", "parameters"})
public record Tool(@JsonRequired String name, String description, Map<String, Object> parameters) {

    /** Copies {@code parameters}; null becomes an empty object schema. */
    public Tool {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        parameters = parameters == null || parameters.isEmpty()
                ? Map.of("type", "object", "properties", Map.of())
                : Immutables.copyOf(parameters);
    }
}
