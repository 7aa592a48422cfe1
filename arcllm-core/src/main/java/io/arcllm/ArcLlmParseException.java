package io.arcllm;

import org.jspecify.annotations.Nullable;

/**
 * The provider's answer (or a part of it, such as tool-call arguments) could not be read.
 * {@link #rawString()} keeps the text that failed; the message shows at most 200 characters of it.
 */
public class ArcLlmParseException extends ArcLlmException {

    private static final int MAX_RAW_IN_MESSAGE = 200;

    private final String rawString;

    /** @param what what was being read, e.g. {@code "openai response"} */
    public ArcLlmParseException(String what, String rawString, @Nullable Throwable cause) {
        super("could not parse " + what + ": " + excerpt(rawString)
                + (cause == null || cause.getMessage() == null ? "" : " (" + firstLine(cause.getMessage()) + ")"), cause);
        this.rawString = rawString == null ? "" : rawString;
    }

    /** A parse failure of a whole response. */
    public ArcLlmParseException(String rawString, @Nullable Throwable cause) {
        this("response", rawString, cause);
    }

    private static String excerpt(String raw) {
        if (raw == null) {
            return "<null>";
        }
        return raw.length() <= MAX_RAW_IN_MESSAGE ? raw : raw.substring(0, MAX_RAW_IN_MESSAGE) + "… (" + raw.length() + " chars)";
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    /** The text that could not be parsed. */
    public String rawString() {
        return rawString;
    }
}
