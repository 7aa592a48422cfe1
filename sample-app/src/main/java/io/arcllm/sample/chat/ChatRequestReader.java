package io.arcllm.sample.chat;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.arcllm.ArcLlmValidationException;
import io.arcllm.ContentBlock;
import io.arcllm.LlmRequest;
import io.arcllm.Role;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a {@link ChatRequest} from the raw body, turning every way it can be wrong into an
 * {@link InvalidChatRequestException} whose message says where and what was expected, in plain words:
 * never a Java or Jackson name, and a caller's value only as a short excerpt. Unknown properties are
 * rejected at every level ({@link UnknownProperties}); the rest of the validation is the core types'
 * own ({@link ArcLlmValidationException}, strict numbers and roles).
 */
final class ChatRequestReader {

    private static final int MAX_DETAIL = 300;
    private static final String EXAMPLE = "{\"messages\": [{\"role\": \"user\", \"content\": \"...\"}]}";

    private final JsonMapper mapper;

    /** @param mapper the application's mapper; a copy that rejects trailing content and null primitives is used */
    ChatRequestReader(JsonMapper mapper) {
        this.mapper = mapper.rebuild()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                // A number or boolean where a string is wanted ("name": 5) is a mistake, not "5".
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build();
    }

    /**
     * @param body the request body; null or blank when there was none
     * @throws InvalidChatRequestException if the body is missing, not JSON, or not a valid chat request
     */
    ChatRequest read(@Nullable String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidChatRequestException(null, "request body is missing: send " + EXAMPLE);
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidChatRequestException(null, Excerpt.truncate(describe(e, null), MAX_DETAIL));
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidChatRequestException(null, "request body must be a JSON object with "
                    + String.join(", ", UnknownProperties.TOP_LEVEL));
        }
        UnknownProperties.check(tree);
        String provider = provider(tree);
        JsonNode messages = tree.get("messages");
        if (messages == null || messages.isNull()) {
            throw new InvalidChatRequestException("messages", "'messages' is required: a non-empty list like "
                    + "[{\"role\": \"user\", \"content\": \"hi\"}]");
        }
        ((ObjectNode) tree).remove("provider");
        try {
            return new ChatRequest(mapper.treeToValue(tree, LlmRequest.class), provider);
        } catch (JacksonException e) {
            ArcLlmValidationException invalid = validation(e);
            String path = path(e);
            if (invalid != null) {
                String field = path == null ? invalid.field() : path + "." + invalid.field();
                throw new InvalidChatRequestException(field, Excerpt.truncate(field + " " + invalid.problem(), MAX_DETAIL));
            }
            throw new InvalidChatRequestException(path, Excerpt.truncate(describe(e, path), MAX_DETAIL));
        } catch (ArcLlmValidationException e) {
            throw new InvalidChatRequestException(e.field(), Excerpt.truncate(e.getMessage(), MAX_DETAIL));
        }
    }

    private static @Nullable String provider(JsonNode tree) {
        JsonNode provider = tree.get("provider");
        if (provider == null || provider.isNull()) {
            return null;
        }
        if (!provider.isString()) {
            throw new InvalidChatRequestException("provider", "provider must be a string, a configured provider id");
        }
        return provider.asString();
    }

    private static @Nullable ArcLlmValidationException validation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ArcLlmValidationException invalid) {
                return invalid;
            }
        }
        return null;
    }

    private static String describe(JacksonException e, @Nullable String field) {
        String at = field == null ? "" : field + ": ";
        if (e instanceof StreamConstraintsException) {
            return "request body exceeds the parser's limits (too deeply nested, or a number, string or name too long)";
        }
        if (e instanceof InputCoercionException) {
            return at + "number out of range";
        }
        if (e instanceof StreamReadException) {
            return "request body is not valid JSON: " + plain(e.getOriginalMessage())
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        }
        if (e instanceof InvalidFormatException format && format.getTargetType() == Role.class) {
            return at + "unknown role " + Excerpt.quoted(format.getValue()).replace('\'', '"')
                    + "; use one of system, user, assistant, tool";
        }
        if (e instanceof InvalidTypeIdException typeId && typeId.getBaseType() != null
                && typeId.getBaseType().hasRawClass(ContentBlock.class)) {
            return at + (typeId.getTypeId() == null ? "a content block needs a \"type\""
                    : "unknown content block type " + Excerpt.quoted(typeId.getTypeId()).replace('\'', '"'))
                    + "; use one of text, image, tool_use, tool_result";
        }
        if (e instanceof InvalidNullException) {
            return at + "must not be null";
        }
        String original = e.getOriginalMessage();
        if (original != null && original.startsWith("Missing required creator property")) {
            return at + "is required" + quotedName(original);
        }
        if (e instanceof MismatchedInputException mismatch && (original == null || original.contains("`"))) {
            return at + "expected " + plainType(mismatch.getTargetType());
        }
        return at + plain(original);
    }

    private static String quotedName(String original) {
        int start = original.indexOf('\'');
        int end = start < 0 ? -1 : original.indexOf('\'', start + 1);
        return end < 0 ? "" : " (" + original.substring(start, end + 1) + ")";
    }

    /** A type in the words of the JSON a caller writes. */
    private static String plainType(@Nullable Class<?> type) {
        if (type == null) {
            return "a different value";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord() || type.isInterface()) {
            return "an object";
        }
        return "a different value";
    }

    /** A parser message reduced to its first line and stripped of quoted Java names. */
    private static String plain(@Nullable String text) {
        if (text == null) {
            return "invalid value";
        }
        int newline = text.indexOf('\n');
        String line = newline < 0 ? text : text.substring(0, newline);
        int detail = line.indexOf(" (");
        line = detail < 0 ? line : line.substring(0, detail);
        return line.replaceAll("`[^`]*`", "value").replaceAll("\\b(java|tools\\.jackson|io\\.arcllm)\\.[\\w.$<>]+", "value");
    }

    /** The path of the failing value, as {@code messages[0].content[1].type}; null at the top level. */
    private static @Nullable String path(JacksonException e) {
        List<JacksonException.Reference> path = e.getPath();
        if (path.isEmpty()) {
            return null;
        }
        String joined = path.stream()
                .map(ref -> ref.getPropertyName() != null ? "." + Excerpt.cut(ref.getPropertyName())
                        : ref.getIndex() >= 0 ? "[" + ref.getIndex() + "]" : "")
                .collect(Collectors.joining());
        String field = joined.startsWith(".") ? joined.substring(1) : joined;
        return field.isEmpty() ? null : field;
    }
}
