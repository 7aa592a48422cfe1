package io.arcllm.sample.chat;

import org.jspecify.annotations.Nullable;

/** Caller-supplied values as they may appear in a problem detail: short, on one line, quoted. */
final class Excerpt {

    /** The most characters of a caller's value a problem detail repeats. */
    static final int MAX_ECHO = 64;

    private Excerpt() {
    }

    /** {@code value} cut to {@value #MAX_ECHO} characters, control characters replaced by '?', in quotes. */
    static String quoted(@Nullable Object value) {
        return "'" + cut(value) + "'";
    }

    /** {@code value} cut to {@value #MAX_ECHO} characters with control characters replaced by '?'. */
    static String cut(@Nullable Object value) {
        String text = String.valueOf(value);
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_ECHO) + 20);
        for (int i = 0; i < text.length() && i < MAX_ECHO; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        if (text.length() > MAX_ECHO) {
            out.append("... (").append(text.length()).append(" chars)");
        }
        return out.toString();
    }

    /** {@code text} cut to {@code max} characters, for a detail built from messages we wrote. */
    static String truncate(@Nullable String text, int max) {
        if (text == null) {
            return "";
        }
        return text.length() <= max ? text : text.substring(0, max) + "...";
    }
}
