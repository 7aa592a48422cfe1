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
}
