package io.arcllm.sample.chat;

import java.util.List;
import java.util.stream.Collectors;

import io.arcllm.ContentBlock;
import io.arcllm.Role;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a {@link ChatRequest} from the raw body, turning every way it can be wrong into an
 * {@link InvalidChatRequestException} whose message says where and what was expected (never a Jackson
 * class name or stack trace). Unknown top-level properties are rejected, so a typo such as
 * {@code maxToken} does not pass silently.
 */
final class ChatRequestReader {

    private static final int MAX_DETAIL = 300;

    private final JsonMapper mapper;

    /** @param mapper the application's mapper; a copy that rejects unknown properties is used */
    ChatRequestReader(JsonMapper mapper) {
        this.mapper = mapper.rebuild().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    }

    /**
     * @param body the request body; null or blank when there was none
     * @throws InvalidChatRequestException if the body is missing, not JSON, or not a valid chat request
     */
    ChatRequest read(@Nullable String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidChatRequestException(null,
                    "request body is missing: send {\"messages\": [{\"role\": \"user\", \"content\": \"...\"}]}");
        }
        ChatRequest request;
        try {
            request = mapper.readValue(body, ChatRequest.class);
        } catch (JacksonException e) {
            String field = field(e);
            throw new InvalidChatRequestException(field, truncate(describe(e, field)));
        }
        if (request == null) {
            throw new InvalidChatRequestException(null, "request body must be a JSON object, was null");
        }
        return request;
    }

    private static String describe(JacksonException e, @Nullable String field) {
        String at = field == null ? "" : field + ": ";
        if (e instanceof StreamReadException) {
            return "request body is not valid JSON: " + firstLine(e.getOriginalMessage())
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return at + "unknown property '" + unknown.getPropertyName() + "'"
                    + (field != null && field.contains(".") ? "" : "; a chat request has " + String.join(", ", ChatRequest.PROPERTIES));
        }
        if (e instanceof InvalidFormatException format && format.getTargetType() == Role.class) {
            return at + "unknown role " + quoted(format.getValue()) + "; use one of system, user, assistant, tool";
        }
        if (e instanceof InvalidTypeIdException typeId && typeId.getBaseType() != null
                && typeId.getBaseType().hasRawClass(ContentBlock.class)) {
            return at + (typeId.getTypeId() == null ? "a content block needs a \"type\""
                    : "unknown content block type " + quoted(typeId.getTypeId()))
                    + "; use one of text, image, tool_use, tool_result";
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null && e.getCause().getMessage() != null) {
            return at + firstLine(e.getCause().getMessage());
        }
        if (field == null && e.getPath().isEmpty()) {
            return "request body must be a JSON object with " + String.join(", ", ChatRequest.PROPERTIES);
        }
        return at + firstLine(e.getOriginalMessage());
    }

    /** The path of the failing value, as {@code messages[0].content[1].type}; null at the top level. */
    private static @Nullable String field(JacksonException e) {
        List<JacksonException.Reference> path = e.getPath();
        if (path.isEmpty()) {
            return null;
        }
        String joined = path.stream()
                .map(ref -> ref.getPropertyName() != null ? "." + ref.getPropertyName()
                        : ref.getIndex() >= 0 ? "[" + ref.getIndex() + "]" : "")
                .collect(Collectors.joining());
        return joined.startsWith(".") ? joined.substring(1) : joined;
    }

    private static String quoted(@Nullable Object value) {
        return "\"" + value + "\"";
    }

    private static String firstLine(@Nullable String text) {
        if (text == null) {
            return "invalid value";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static String truncate(String text) {
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "...";
    }
}
