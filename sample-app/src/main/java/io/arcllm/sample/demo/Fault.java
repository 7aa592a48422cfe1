package io.arcllm.sample.demo;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link ProviderSimulator} does instead of answering normally: fail with an HTTP error in the
 * provider's wire format, answer late, or answer with something that is not JSON.
 */
public sealed interface Fault permits Fault.HttpError, Fault.Slow, Fault.Garbled {

    /** {@code 429 Too Many Requests} with a {@code Retry-After} header of whole seconds. */
    static Fault rateLimited(Duration retryAfter) {
        return new HttpError(429, retryAfter);
    }

    /** Anthropic's {@code 529 Overloaded}. */
    static Fault overloaded() {
        return new HttpError(529, null);
    }

    /** An error status without {@code Retry-After}, e.g. 500, 503 or 400. */
    static Fault status(int status) {
        return new HttpError(status, null);
    }

    /** Waits before answering normally; longer than the client's read timeout, it is a timeout. */
    static Fault slow(Duration delay) {
        return new Slow(delay);
    }

    /** A {@code 200 OK} whose body is not the provider's JSON. */
    static Fault garbled() {
        return new Garbled();
    }

    /**
     * An error answer.
     *
     * @param status the HTTP status, 400–599
     * @param retryAfter sent as {@code Retry-After} (whole seconds) when not null
     */
    record HttpError(int status, @Nullable Duration retryAfter) implements Fault {

        /** @throws IllegalArgumentException if the status is not an error status */
        public HttpError {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("status must be 400-599, was " + status);
            }
        }
    }

    /** @param delay how long to wait before answering */
    record Slow(Duration delay) implements Fault {

        /** @throws NullPointerException if the delay is null */
        public Slow {
            Objects.requireNonNull(delay, "delay");
        }
    }

    /** A 200 answer that is not JSON. */
    record Garbled() implements Fault {
    }
}
