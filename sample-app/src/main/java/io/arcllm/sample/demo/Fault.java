package io.arcllm.sample.demo;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link ProviderSimulator} does instead of answering normally: fail with an HTTP error in the
 * provider's wire format, answer late, answer with something that is not JSON, or (for a streamed request)
 * fail inside the stream.
 */
public sealed interface Fault permits Fault.HttpError, Fault.Slow, Fault.Garbled, Fault.StreamError, Fault.StreamCut {

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
     * For a streamed request, a {@code 200} stream whose first event after {@code message_start} is Anthropic's
     * {@code overloaded_error} event (OpenAI: an error chunk): the failure an HTTP-status-only retry never sees.
     * A whole-answer request gets the same error as a {@code 529}.
     */
    static Fault overloadedEvent() {
        return new StreamError();
    }

    /** For a streamed request, the connection is cut after {@code deltas} text deltas; a whole answer is not affected. */
    static Fault cutAfter(int deltas) {
        return new StreamCut(deltas);
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

    /** An overloaded error event at the start of a stream. */
    record StreamError() implements Fault {
    }

    /** @param deltas text deltas sent before the connection is cut */
    record StreamCut(int deltas) implements Fault {
    }
}
