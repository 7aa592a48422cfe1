package io.arcllm.adapter;

import java.time.Duration;
import java.util.Objects;

import io.arcllm.ArcLlmConfigException;

/**
 * The limits of a streamed answer, which replace the whole-answer read timeout for
 * {@link io.arcllm.LlmProvider#stream(io.arcllm.LlmRequest)}: a long answer may stream for minutes, but a provider
 * that says nothing for too long has failed. Hitting either raises {@link io.arcllm.ArcLlmTimeoutException}
 * ({@code "first-event"} or {@code "idle"}); before the first content event modules retry it like any timeout.
 *
 * @param firstEvent time allowed from sending the request (connecting included) to the first server-sent event
 * @param idle time allowed between two events once the first arrived; keep-alives ({@code ping} events,
 *     comment lines) count as events
 */
public record StreamTimeouts(Duration firstEvent, Duration idle) {

    /** Default time allowed until the first event: 60 s, the default read timeout of a whole answer. */
    public static final Duration DEFAULT_FIRST_EVENT = Duration.ofSeconds(60);
    /** Default time allowed between events: 60 s. */
    public static final Duration DEFAULT_IDLE = Duration.ofSeconds(60);

    /** @throws ArcLlmConfigException if a limit is missing, zero or negative, naming it */
    public StreamTimeouts {
        requirePositive("stream-first-event-timeout", firstEvent);
        requirePositive("stream-idle-timeout", idle);
    }

    /** The defaults: see {@link #DEFAULT_FIRST_EVENT} and {@link #DEFAULT_IDLE}. */
    public static StreamTimeouts defaults() {
        return new StreamTimeouts(DEFAULT_FIRST_EVENT, DEFAULT_IDLE);
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(name);
        if (value == null || value.isZero() || value.isNegative()) {
            throw new ArcLlmConfigException(name + " must be > 0, was " + value);
        }
    }
}
