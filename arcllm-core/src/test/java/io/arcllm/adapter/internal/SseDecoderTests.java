package io.arcllm.adapter.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.arcllm.ArcLlmParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SseDecoderTests {

    private static final String STREAM = "event: message_start\ndata: {\"text\":\"Grüße 東京 🌸\"}\n\n"
            + ": keep-alive\n\n"
            + "event: content_block_delta\ndata: {\"a\":1}\n\n"
            + "data: first line\ndata:second line\n\n"
            + "data: [DONE]\n\n";

    private static final List<SseEvent> EXPECTED = List.of(
            new SseEvent("message_start", "{\"text\":\"Grüße 東京 🌸\"}"),
            SseEvent.COMMENT,
            new SseEvent("content_block_delta", "{\"a\":1}"),
            new SseEvent("message", "first line\nsecond line"),
            new SseEvent("message", "[DONE]"));

    private static List<SseEvent> decode(byte[] bytes, int... cuts) {
        SseDecoder decoder = new SseDecoder("test", 1 << 20);
        List<SseEvent> events = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            events.addAll(decoder.feed(Arrays.copyOfRange(bytes, from, cut)));
            from = cut;
        }
        events.addAll(decoder.feed(Arrays.copyOfRange(bytes, from, bytes.length)));
        return events;
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n", "\r"})
    void readsEveryLineEnding(String ending) {
        byte[] bytes = STREAM.replace("\n", ending).getBytes(StandardCharsets.UTF_8);
        assertThat(decode(bytes)).containsExactlyElementsOf(EXPECTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n", "\r"})
    void readsTheSameEventsWhereverTheBytesAreCutEvenInsideACharacterOrACrLf(String ending) {
        byte[] bytes = STREAM.replace("\n", ending).getBytes(StandardCharsets.UTF_8);
        for (int cut = 1; cut < bytes.length; cut++) {
            assertThat(decode(bytes, cut)).as("cut at byte %d", cut).containsExactlyElementsOf(EXPECTED);
        }
    }

    @Test
    void readsOneByteAtATime() {
        byte[] bytes = STREAM.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        int[] cuts = new int[bytes.length - 1];
        Arrays.setAll(cuts, i -> i + 1);
        assertThat(decode(bytes, cuts)).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void dropsEventsWithoutDataAndIgnoresUnknownFields() {
        byte[] bytes = "event: ping\n\nid: 7\nretry: 1000\ndata:x\n\n".getBytes(StandardCharsets.UTF_8);
        assertThat(decode(bytes)).containsExactly(new SseEvent("message", "x"));
    }

    @Test
    void refusesAnEventLargerThanTheLimitNamingTheProvider() {
        SseDecoder decoder = new SseDecoder("anthropic", 100);
        byte[] big = ("data: " + "x".repeat(200)).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> decoder.feed(big)).isInstanceOf(ArcLlmParseException.class)
                .hasMessageContaining("anthropic stream").hasMessageContaining("max-response-size");
    }

    @Test
    void keepAlivesDoNotAddUpToTheLimit() {
        SseDecoder decoder = new SseDecoder("test", 100);
        for (int i = 0; i < 1000; i++) {
            assertThat(decoder.feed(": keep-alive\n".getBytes(StandardCharsets.UTF_8))).containsExactly(SseEvent.COMMENT);
        }
        assertThat(decoder.feed("data: ok\n\n".getBytes(StandardCharsets.UTF_8))).containsExactly(new SseEvent("message", "ok"));
    }
}
