package io.arcllm;

/** Root of ArcLLM's unchecked exceptions. Messages never contain an API key or a whole response body. */
public abstract class ArcLlmException extends RuntimeException {

    protected ArcLlmException(String message) {
        super(message);
    }

    protected ArcLlmException(String message, Throwable cause) {
        super(message, cause);
    }
}
