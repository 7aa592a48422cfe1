package io.arcllm;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.arcllm.internal.Checks;
import io.arcllm.internal.Immutables;
import io.arcllm.internal.json.JsonRequired;

/**
 * A tool the model may call. JSON form:
 * {@code {"name": "calculate", "description": "...", "parameters": {"type": "object", ...}}};
 * only {@code name} is required when reading.
 *
 * @param name 1 to 64 letters, digits, {@code _} or {@code -}
 *
 * @param parameters a JSON Schema object describing the arguments
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"name", "description", "parameters"})
public record Tool(@JsonRequired String name, String description, Map<String, Object> parameters) {

    /** An object schema with no properties, written with "type" first. */
    private static final Map<String, Object> EMPTY_OBJECT_SCHEMA = emptyObjectSchema();

    /**
     * Copies {@code parameters}; null becomes an empty object schema.
     *
     * @throws ArcLlmValidationException if {@code name} is not 1 to 64 letters, digits, {@code _} or
     *     {@code -} (the rule Anthropic and OpenAI both apply)
     */
    public Tool {
        Checks.notNull(name, "name");
        if (!Checks.TOOL_NAME.matcher(name).matches()) {
            throw new ArcLlmValidationException("name",
                    "must be 1 to 64 letters, digits, '_' or '-', was " + Checks.shown(name));
        }
        description = description == null ? "" : description;
        parameters = parameters == null || parameters.isEmpty()
                ? EMPTY_OBJECT_SCHEMA
                : Immutables.copyOf(parameters);
    }

    private static Map<String, Object> emptyObjectSchema() {
        Map<String, Object> schema = new java.util.LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", Map.of());
        return java.util.Collections.unmodifiableMap(schema);
    }
}
