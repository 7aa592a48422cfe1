package io.arcllm;

/**
 * Root of ArcLLM's unchecked exceptions. Messages never contain an API key; an API error's message shows at most
 * {@link ArcLlmApiException#MAX_BODY_IN_MESSAGE} characters of the response body.
 */
public abstract class ArcLlmException extends RuntimeException {

    protected ArcLlmException(String message) {
        super(message);
    }

    protected ArcLlmException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * For an exception raised so often that recording where is a cost (an open circuit refusing every call): with
     * {@code writableStackTrace} false it has no stack trace. Suppressed exceptions are always kept.
     */
    protected ArcLlmException(String message, boolean writableStackTrace) {
        super(message, null, true, writableStackTrace);
    }
}
