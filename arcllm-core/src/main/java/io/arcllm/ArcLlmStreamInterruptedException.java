package io.arcllm;

import java.util.Objects;

/**
 * A stream failed after it had delivered answer content. ArcLLM never retries or falls back at that point (the
 * caller would see content twice); this exception ends the stream instead. {@link #partialResponse()} holds what
 * arrived before the failure and the cause is the failure itself (an {@link ArcLlmTransportException} for a cut
 * connection or an idle timeout, an {@link ArcLlmApiException} for a provider's error event, an
 * {@link ArcLlmParseException} for a malformed event).
 */
public class ArcLlmStreamInterruptedException extends ArcLlmException {

    private final String provider;
    private final LlmResponse partialResponse;

    /**
     * @param partialResponse what was collected before the failure (see {@link LlmStreamCollector#partialResponse()})
     * @param cause the failure
     */
    public ArcLlmStreamInterruptedException(String provider, LlmResponse partialResponse, Throwable cause) {
        super(provider + " stream interrupted after content was delivered: "
                + (cause == null ? "unknown" : cause.getMessage()), cause);
        this.provider = Objects.requireNonNull(provider, "provider");
        this.partialResponse = Objects.requireNonNull(partialResponse, "partialResponse");
    }

    /** The provider id whose stream failed. */
    public String provider() {
        return provider;
    }

    /** What the stream delivered before it failed; completed tool calls only. */
    public LlmResponse partialResponse() {
        return partialResponse;
    }
}
