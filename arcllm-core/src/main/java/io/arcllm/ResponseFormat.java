package io.arcllm;

import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.arcllm.internal.Checks;
import io.arcllm.internal.Immutables;
import io.arcllm.internal.json.JsonRequired;

/**
 * Structured output: the answer's text must be JSON matching a JSON Schema. JSON form:
 * {@code {"name": "weather", "schema": {"type": "object", ...}, "strict": true}}; {@code strict}
 * defaults to true when reading.
 *
 * <p>OpenAI-dialect adapters send it as {@code response_format} of type {@code json_schema}; the
 * Anthropic adapter as {@code output_config.format}. A provider that cannot honour it (for example
 * DeepSeek, which offers only free-form JSON mode) raises {@link ArcLlmConfigException} before sending.
 *
 * @param name a name for the schema: letters, digits, {@code _} or {@code -}, at most 64 characters
 * @param schema the JSON Schema object the answer must match
 * @param strict whether the provider must enforce the schema exactly (OpenAI's {@code strict})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"name", "schema", "strict"})
public record ResponseFormat(@JsonRequired String name, @JsonRequired Map<String, Object> schema, Boolean strict) {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    /**
     * Validates and copies the schema; a null {@code strict} means true.
     *
     * @throws ArcLlmValidationException if the name is not valid or the schema is empty
     */
    public ResponseFormat {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ArcLlmValidationException("name", "must be 1-64 letters, digits, '_' or '-', was "
                    + Checks.shown(name));
        }
        if (schema == null || schema.isEmpty()) {
            throw new ArcLlmValidationException("schema", "must be a non-empty JSON Schema object");
        }
        schema = Immutables.copyOf(schema);
        strict = strict == null || strict;
    }

    /** A strict JSON-schema format. */
    public static ResponseFormat jsonSchema(String name, Map<String, Object> schema) {
        return new ResponseFormat(name, schema, true);
    }
}
