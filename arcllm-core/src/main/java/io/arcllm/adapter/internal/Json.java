package io.arcllm.adapter.internal;

import java.util.Map;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON plumbing the adapters share: one mapper, conversions between the core types' maps and
 * Jackson trees, and typed access to required fields of a provider answer. Accessors throw
 * {@link ResponseShapeException} naming the field path, never a raw Jackson exception.
 */
public final class Json {

    /** The mapper every adapter uses; thread-safe. */
    public static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private Json() {
    }

    /** A new empty JSON object. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /**
     * A Java value (maps, lists, strings, numbers, booleans, null) as a JSON tree.
     *
     * @throws IllegalArgumentException if the value cannot be written as JSON
     */
    public static JsonNode toNode(@Nullable Object value) {
        if (value == null) {
            return MAPPER.getNodeFactory().nullNode();
        }
        try {
            return MAPPER.valueToTree(value);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("value of type " + value.getClass().getName() + " cannot be written as JSON", e);
        }
    }

    /** A JSON object as an order-preserving map of plain Java values. */
    public static Map<String, Object> toMap(JsonNode object) {
        return MAPPER.convertValue(object, MAP);
    }

    /** Compact JSON text of a tree. */
    public static String write(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }

    /**
     * Adds the request's provider-specific extras to the body. A key the body already has is
     * left alone (ArcLLM's own fields win) and reported to {@code skipped}.
     *
     * @throws IllegalArgumentException for {@code "stream": true} in a body that is not a stream's (use
     *     {@code LlmProvider.stream}) or an extra that cannot be written as JSON
     */
    public static void mergeExtras(ObjectNode body, Map<String, Object> extras, Consumer<String> skipped) {
        extras.forEach((key, value) -> {
            if ("stream".equals(key) && Boolean.TRUE.equals(value) && !body.has("stream")) {
                throw new IllegalArgumentException("extras.stream=true is not supported by invoke: call stream(request) instead");
            }
            if (body.has(key)) {
                skipped.accept(key);
            } else {
                body.set(key, toNode(value));
            }
        });
    }

    /** The present, non-null field {@code name} of {@code parent}; {@code path} names it in errors. */
    public static JsonNode required(JsonNode parent, String name, String path) {
        JsonNode value = parent.get(name);
        if (value == null || value.isNull()) {
            throw new ResponseShapeException("missing field " + path);
        }
        return value;
    }

    /** The required object field {@code name}. */
    public static JsonNode requiredObject(JsonNode parent, String name, String path) {
        JsonNode value = required(parent, name, path);
        if (!value.isObject()) {
            throw new ResponseShapeException(path + " must be an object, was " + value.getNodeType());
        }
        return value;
    }

    /** The required array field {@code name}. */
    public static ArrayNode requiredArray(JsonNode parent, String name, String path) {
        JsonNode value = required(parent, name, path);
        if (!value.isArray()) {
            throw new ResponseShapeException(path + " must be an array, was " + value.getNodeType());
        }
        return (ArrayNode) value;
    }

    /** The required string field {@code name}. */
    public static String requiredString(JsonNode parent, String name, String path) {
        JsonNode value = required(parent, name, path);
        if (!value.isString()) {
            throw new ResponseShapeException(path + " must be a string, was " + value.getNodeType());
        }
        return value.stringValue();
    }

    /** The string field {@code name}, or null when it is absent, null or not a string. */
    public static @Nullable String optionalString(JsonNode parent, String name) {
        JsonNode value = parent.get(name);
        return value != null && value.isString() ? value.stringValue() : null;
    }

    /** The required token count {@code name}: a non-negative integer. */
    public static int requiredCount(JsonNode parent, String name, String path) {
        Integer count = count(required(parent, name, path), path);
        return count;
    }

    /** The token count {@code name}, or null when {@code parent} is missing or lacks it. */
    public static @Nullable Integer optionalCount(@Nullable JsonNode parent, String name, String path) {
        JsonNode value = parent == null ? null : parent.get(name);
        return value == null || value.isNull() ? null : count(value, path);
    }

    private static Integer count(JsonNode value, String path) {
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0) {
            throw new ResponseShapeException(path + " must be a non-negative integer, was " + value);
        }
        return value.intValue();
    }
}
