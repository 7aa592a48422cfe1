package io.arcllm.test.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/** One scripted reply of a stub, in the user's terms; {@link ScriptedResponses} writes it in the provider's format. */
public sealed interface Reply {

    /** Answers {@code text}. */
    record Text(String text) implements Reply {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** Answers with a call of one tool. */
    record ToolCall(String name, Map<String, Object> arguments) implements Reply {
        public ToolCall {
            Objects.requireNonNull(name, "name");
            arguments = Map.copyOf(arguments);
        }
    }

    /**
     * Answers {@code deltas} joined; a stream gets them as separate deltas. If {@code breaks}, a stream ends after
     * them with no stop event (a whole answer gets a reset connection).
     */
    record Streamed(List<String> deltas, boolean breaks) implements Reply {
        public Streamed {
            deltas = List.copyOf(deltas);
            if (deltas.isEmpty() && !breaks) {
                throw new IllegalArgumentException("a streamed answer needs at least one text delta");
            }
        }

        /** The deltas joined. */
        public String text() {
            return String.join("", deltas);
        }
    }

    /** Fails with an HTTP status and the provider's error body; {@code retryAfter} adds its headers. */
    record Status(int status, @Nullable Duration retryAfter) implements Reply {
        public Status {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("a failing status must be 4xx or 5xx, was " + status);
            }
            if (retryAfter != null && retryAfter.isNegative()) {
                throw new IllegalArgumentException("retryAfter must be >= 0, was " + retryAfter);
            }
        }
    }

    /** Fails with the provider's "overloaded" status. */
    record Overloaded() implements Reply {
    }

    /** Resets the connection after reading the request. */
    record Reset() implements Reply {
    }

    /** Sends nothing at all. */
    record Hang() implements Reply {
    }

    /** Answers {@code text}, but only after {@code delay}. */
    record Slow(Duration delay, String text) implements Reply {
        public Slow {
            Objects.requireNonNull(text, "text");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("delay must be >= 0, was " + delay);
            }
        }
    }
}
