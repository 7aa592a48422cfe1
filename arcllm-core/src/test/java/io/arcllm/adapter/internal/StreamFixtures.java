package io.arcllm.adapter.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Recorded-shape provider streams and the whole answers that carry the same content (test resources under {@code stream/}). */
public final class StreamFixtures {

    private StreamFixtures() {
    }

    /** The bytes of {@code stream/<name>}. */
    public static byte[] bytes(String name) {
        try (InputStream in = StreamFixtures.class.getResourceAsStream("/stream/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource stream/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of {@code stream/<name>}. */
    public static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    /** One Anthropic SSE event. */
    public static String anthropicEvent(String type, String json) {
        return "event: " + type + "\ndata: " + json + "\n\n";
    }

    /** A whole Anthropic text stream of {@code parts}, ending with {@code stopReason}. */
    public static String anthropicText(String stopReason, String... parts) {
        StringBuilder sse = new StringBuilder(anthropicEvent("message_start", """
                {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-test",\
                "content":[],"stop_reason":null,"usage":{"input_tokens":10,"output_tokens":1}}}"""));
        sse.append(anthropicEvent("content_block_start",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
        sse.append(anthropicEvent("ping", "{\"type\":\"ping\"}"));
        for (String part : parts) {
            sse.append(anthropicEvent("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":\"" + part + "\"}}"));
        }
        sse.append(anthropicEvent("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
        sse.append(anthropicEvent("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"" + stopReason
                + "\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + (parts.length + 4) + "}}"));
        sse.append(anthropicEvent("message_stop", "{\"type\":\"message_stop\"}"));
        return sse.toString();
    }

    /** Anthropic's error event. */
    public static String anthropicError(String type, String message) {
        return anthropicEvent("error", "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\"}}");
    }
}
