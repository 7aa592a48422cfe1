package io.arcllm;

import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The provider answered with a non-2xx status. The message names the provider and status and
 * shows at most {@value #MAX_BODY_IN_MESSAGE} characters of the body; {@link #body()} keeps it whole.
 */
public class ArcLlmApiException extends ArcLlmException {

    /** How much of the body the message shows. */
    public static final int MAX_BODY_IN_MESSAGE = 500;

    private final int statusCode;
    private final String body;
    private final String provider;
    private final @Nullable Duration retryAfter;
    private final @Nullable Boolean shouldRetry;

    /**
     * @param retryAfter how long the provider asked the caller to wait ({@code Retry-After}), or null
     */
    public ArcLlmApiException(int statusCode, String body, String provider, @Nullable Duration retryAfter) {
        this(statusCode, body, provider, retryAfter, null);
    }

    /**
     * @param retryAfter how long the provider asked the caller to wait ({@code Retry-After}), or null
     * @param shouldRetry the provider's own verdict ({@code x-should-retry: true|false}), or null when it gave none
     */
    public ArcLlmApiException(int statusCode, String body, String provider, @Nullable Duration retryAfter,
                              @Nullable Boolean shouldRetry) {
        super(message(statusCode, body, provider));
        this.statusCode = statusCode;
        this.body = body == null ? "" : body;
        this.provider = provider;
        this.retryAfter = retryAfter;
        this.shouldRetry = shouldRetry;
    }

    /** Without a {@code Retry-After}. */
    public ArcLlmApiException(int statusCode, String body, String provider) {
        this(statusCode, body, provider, null);
    }

    private static String message(int statusCode, String body, String provider) {
        String shown = body == null ? "" : body;
        if (shown.length() > MAX_BODY_IN_MESSAGE) {
            shown = shown.substring(0, MAX_BODY_IN_MESSAGE) + "… (" + body.length() + " chars)";
        }
        return provider + " API error: HTTP " + statusCode + (shown.isEmpty() ? "" : ": " + shown);
    }

    /** The HTTP status code. */
    public int statusCode() {
        return statusCode;
    }

    /** The whole response body as text (possibly empty). */
    public String body() {
        return body;
    }

    /** The provider id that answered. */
    public String provider() {
        return provider;
    }

    /** The wait the provider asked for, if it sent {@code Retry-After} or {@code retry-after-ms}. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * Whether the provider said this request may be retried ({@code x-should-retry}, sent by Anthropic and
     * OpenAI); empty when it did not say. When present it overrides the retryable-status rule both ways.
     */
    public Optional<Boolean> shouldRetry() {
        return Optional.ofNullable(shouldRetry);
    }
}
