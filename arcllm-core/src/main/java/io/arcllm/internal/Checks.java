package io.arcllm.internal;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.arcllm.ArcLlmValidationException;
import org.jspecify.annotations.Nullable;

/**
 * The checks the core value types run in their constructors, each failing with an
 * {@link ArcLlmValidationException} that names the field. Internal: not API.
 */
public final class Checks {

    /** Image media types every supported provider accepts. */
    public static final Set<String> IMAGE_MEDIA_TYPES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");

    /** Tool names both Anthropic and OpenAI accept: letters, digits, {@code _} and {@code -}, 1 to 64 of them. */
    public static final Pattern TOOL_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    private static final int MAX_SHOWN = 40;

    private Checks() {
    }

    /** {@code value}, or a failure saying {@code field} must not be null. */
    public static <T> T notNull(@Nullable T value, String field) {
        if (value == null) {
            throw new ArcLlmValidationException(field, "must not be null");
        }
        return value;
    }

    /** {@code value}, or a failure if it is null or empty. */
    public static String notEmpty(@Nullable String value, String field) {
        if (notNull(value, field).isEmpty()) {
            throw new ArcLlmValidationException(field, "must not be empty");
        }
        return value;
    }

    /** An unmodifiable copy; null is empty; a null element fails naming {@code field[i]}. */
    public static <T> List<T> copyWithoutNulls(@Nullable List<T> list, String field) {
        if (list == null) {
            return List.of();
        }
        for (int i = 0; i < list.size(); i++) {
            notNull(list.get(i), field + "[" + i + "]");
        }
        return List.copyOf(list);
    }

    /** Whether {@code text} is non-empty standard base64 (RFC 4648, padded, no line breaks). */
    public static boolean isBase64(String text) {
        int length = text.length();
        if (length == 0 || length % 4 != 0) {
            return false;
        }
        int padding = text.charAt(length - 1) == '=' ? (text.charAt(length - 2) == '=' ? 2 : 1) : 0;
        for (int i = 0; i < length - padding; i++) {
            char c = text.charAt(i);
            boolean alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
            if (!alphabet) {
                return false;
            }
        }
        return true;
    }

    /**
     * A value for an error message: quoted, cut to 40 characters, control characters escaped
     * ({@code "image/png\r\nX-Evil: 1"}), so a message can be logged or shown without injecting lines.
     */
    public static String shown(@Nullable Object value) {
        if (value == null) {
            return "null";
        }
        String text = String.valueOf(value);
        StringBuilder out = new StringBuilder("\"");
        int limit = Math.min(text.length(), MAX_SHOWN);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (Character.isISOControl(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
        if (text.length() > MAX_SHOWN) {
            out.append("… (").append(text.length()).append(" chars)");
        }
        return out.toString();
    }

    /** Whether {@code error} or one of its causes is a {@code type}. */
    public static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
