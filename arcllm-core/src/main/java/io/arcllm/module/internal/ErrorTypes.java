package io.arcllm.module.internal;

import io.arcllm.ArcLlmApiException;
import io.arcllm.ArcLlmTimeoutException;
import io.arcllm.ArcLlmTransportException;
import org.jspecify.annotations.Nullable;

/**
 * Names an error in a few words, for metric tags and health details: low cardinality, never a message.
 * Used for {@code error.type} on the call observation and {@code reason} on {@code arcllm.retry.attempts}.
 */
public final class ErrorTypes {

    /** The name of no error. */
    public static final String NONE = "none";

    private ErrorTypes() {
    }

    /**
     * {@value #NONE} for null; the HTTP status code of an {@link ArcLlmApiException} ({@code "429"});
     * {@code "timeout"} for an {@link ArcLlmTimeoutException}; {@code "transport"} for any other
     * {@link ArcLlmTransportException}; else the exception's simple class name ({@code "ArcLlmParseException"}).
     */
    public static String of(@Nullable Throwable error) {
        if (error == null) {
            return NONE;
        }
        if (error instanceof ArcLlmApiException api) {
            return Integer.toString(api.statusCode());
        }
        if (error instanceof ArcLlmTimeoutException) {
            return "timeout";
        }
        if (error instanceof ArcLlmTransportException) {
            return "transport";
        }
        String simpleName = error.getClass().getSimpleName();
        return simpleName.isEmpty() ? error.getClass().getName() : simpleName;
    }
}
