package io.arcllm.adapter.internal;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Reads the {@code x-should-retry} response header that Anthropic and OpenAI send with an error: the
 * provider's own verdict on whether retrying the same request can help. Only {@code true} and
 * {@code false} (any case, surrounding spaces ignored) are understood; anything else counts as absent.
 */
public final class ShouldRetry {

    /** The header's name. */
    public static final String HEADER = "x-should-retry";

    private ShouldRetry() {
    }

    /** {@code TRUE}, {@code FALSE}, or null when the value is absent or neither word. */
    public static @Nullable Boolean parse(@Nullable String value) {
        if (value == null) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> null;
        };
    }
}
