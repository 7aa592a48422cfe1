package io.arcllm.adapter.internal;

import java.util.Objects;

/**
 * One server-sent event.
 *
 * @param type the {@code event:} field, {@value #DEFAULT_TYPE} when there was none
 * @param data the {@code data:} lines joined with LF
 */
record SseEvent(String type, String data) {

    /** The type of an event that names none. */
    public static final String DEFAULT_TYPE = "message";

    /** Stands for a comment line: no event, but a sign that the connection is alive. */
    public static final SseEvent COMMENT = new SseEvent(":comment", "");

    /** Checks the parts. */
    public SseEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
    }

    /** Whether this stands for a comment line. */
    public boolean isComment() {
        return this == COMMENT;
    }
}
