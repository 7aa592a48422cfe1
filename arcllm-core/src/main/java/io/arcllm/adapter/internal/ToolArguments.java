package io.arcllm.adapter.internal;

import java.util.Map;

import io.arcllm.ArcLlmParseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Parses a tool call's arguments, streamed as JSON text, into a map. */
final class ToolArguments {

    private ToolArguments() {
    }

    /**
     * @param json the arguments' JSON text; blank means no arguments
     * @throws ArcLlmParseException naming the provider if the text is not a JSON object; its raw string is the text
     */
    static Map<String, Object> parse(String json, String provider) {
        if (json.isBlank()) {
            return Map.of();
        }
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new ArcLlmParseException(provider + " tool call arguments", json, e);
        }
        if (parsed == null || !parsed.isObject()) {
            throw new ArcLlmParseException(provider + " tool call arguments (expected a JSON object)", json, null);
        }
        return Json.toMap(parsed);
    }
}
