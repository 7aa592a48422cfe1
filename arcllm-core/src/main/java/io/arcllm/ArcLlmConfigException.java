package io.arcllm;

/** Configuration that cannot work; the message names the property and how to fix it. */
public class ArcLlmConfigException extends ArcLlmException {

    public ArcLlmConfigException(String message) {
        super(message);
    }

    public ArcLlmConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
