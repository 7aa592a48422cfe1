package io.arcllm.adapter.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.arcllm.ArcLlmParseException;
import org.jspecify.annotations.Nullable;

/**
 * Decodes a {@code text/event-stream} body incrementally, chunk by chunk as the network delivers it, following
 * the WHATWG server-sent events rules: lines end with CRLF, LF or CR (a CRLF split across chunks counts once);
 * {@code event:} sets the type, {@code data:} lines are joined with LF, one space after the colon is dropped, a
 * blank line dispatches the event, an event without data is dropped, unknown fields ({@code id}, {@code retry})
 * are ignored. Lines are split on bytes and decoded as UTF-8 only when whole, so a multi-byte character split
 * across chunks is read intact. A comment line ({@code : keep-alive}) is reported as {@link SseEvent#COMMENT},
 * so the caller can count it as a sign of life. A pending event larger than the limit raises
 * {@link ArcLlmParseException}, so a hostile server cannot make it buffer without bound.
 *
 * <p>Not thread-safe: one decoder per stream.
 */
final class SseDecoder {

    private final String provider;
    private final int maxEventBytes;
    private byte[] line = new byte[256];
    private int lineLength;
    private boolean lastWasCr;
    private @Nullable String type;
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private long pendingBytes;

    /**
     * @param provider named in errors
     * @param maxEventBytes the largest event accepted
     */
    public SseDecoder(String provider, long maxEventBytes) {
        this.provider = provider;
        this.maxEventBytes = (int) Math.min(maxEventBytes, Integer.MAX_VALUE - 8);
    }

    /**
     * The events that {@code chunk} completes, in order.
     *
     * @throws ArcLlmParseException if a pending event grows beyond the limit
     */
    public List<SseEvent> feed(byte[] chunk) {
        List<SseEvent> events = new ArrayList<>(2);
        for (byte b : chunk) {
            if (b == '\n' && lastWasCr) {
                lastWasCr = false;
                continue;
            }
            lastWasCr = b == '\r';
            if (b == '\n' || b == '\r') {
                endLine(events);
            } else {
                append(b);
            }
        }
        return events;
    }

    private void append(byte b) {
        if (lineLength == line.length) {
            line = Arrays.copyOf(line, line.length * 2);
        }
        line[lineLength++] = b;
        if (++pendingBytes > maxEventBytes) {
            throw new ArcLlmParseException(provider + " stream: an event exceeds max-response-size of " + maxEventBytes
                    + " bytes", "", null);
        }
    }

    private void endLine(List<SseEvent> events) {
        String text = new String(line, 0, lineLength, StandardCharsets.UTF_8);
        int length = lineLength;
        lineLength = 0;
        if (line.length > 64 * 1024) {
            line = new byte[256]; // one huge line must not pin its buffer for the rest of the stream
        }
        if (text.isEmpty()) {
            dispatch(events);
            return;
        }
        if (text.charAt(0) == ':') {
            events.add(SseEvent.COMMENT);
            pendingBytes -= length; // keep-alives between events must not add up to the limit
            return;
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + (text.startsWith(" ", colon + 1) ? 2 : 1));
        if (field.equals("event")) {
            type = value;
        } else if (field.equals("data")) {
            if (hasData) {
                data.append('\n');
            }
            data.append(value);
            hasData = true;
        }
    }

    private void dispatch(List<SseEvent> events) {
        if (hasData) {
            events.add(new SseEvent(type == null || type.isEmpty() ? SseEvent.DEFAULT_TYPE : type, data.toString()));
        }
        type = null;
        data.setLength(0);
        hasData = false;
        pendingBytes = 0;
    }
}
