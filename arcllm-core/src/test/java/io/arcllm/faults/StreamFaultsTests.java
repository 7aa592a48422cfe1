package io.arcllm.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.arcllm.ArcLlmApiException;
import io.arcllm.ArcLlmStreamInterruptedException;
import io.arcllm.ArcLlmTimeoutException;
import io.arcllm.ArcLlmTransportException;
import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.LlmStreamCollector;
import io.arcllm.LlmStreamEvent;
import io.arcllm.Message;
import io.arcllm.StopReason;
import io.arcllm.Usage;
import io.arcllm.adapter.internal.AnthropicAdapter;
import io.arcllm.adapter.internal.OpenAiAdapter;
import io.arcllm.adapter.internal.StreamFixtures;
import io.arcllm.config.ApiFormat;
import io.arcllm.config.ApiKey;
import io.arcllm.config.ProviderSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.BaseSubscriber;

/**
 * Streams over a raw socket server, for what WireMock cannot script: events and UTF-8 characters split across
 * network chunks, a connection cut mid-stream, a server that goes quiet, the caller cancelling, a slow reader.
 */
class StreamFaultsTests {

    static final RawHttpServer server = RawHttpServer.start();
    private static final Duration BLOCK = Duration.ofSeconds(10);
    private static final LlmRequest REQUEST = LlmRequest.of(List.of(Message.user("Hi")));

    private LlmProvider provider;

    @AfterEach
    void closeProvider() {
        if (provider != null) {
            provider.close();
        }
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** An adapter whose stream timeouts are {@code firstEvent} and {@code idle}. */
    private LlmProvider anthropic(Duration firstEvent, Duration idle) {
        ProviderSettings settings = ProviderSettings.builder("anthropic", ApiFormat.ANTHROPIC).baseUrl(server.baseUrl())
                .apiKeyEnv("ANTHROPIC_API_KEY").defaultModel("claude-test")
                .streamFirstEventTimeout(firstEvent).streamIdleTimeout(idle).build();
        provider = new AnthropicAdapter(settings, "claude-test", WebClient.builder(), ApiKey.of("sk-ant-test-key-1234"));
        return provider;
    }

    private LlmProvider anthropic() {
        return anthropic(ProviderSettings.DEFAULT_STREAM_FIRST_EVENT_TIMEOUT, ProviderSettings.DEFAULT_STREAM_IDLE_TIMEOUT);
    }

    private LlmProvider openAi() {
        ProviderSettings settings = ProviderSettings.builder("openai", ApiFormat.OPENAI).baseUrl(server.baseUrl())
                .apiKeyEnv("OPENAI_API_KEY").defaultModel("gpt-test").build();
        provider = new OpenAiAdapter(settings, "gpt-test", WebClient.builder(), ApiKey.of("sk-openai-test-1234"));
        return provider;
    }

    /** Sends {@code sse} in pieces of 1 to 7 bytes, one TCP segment each. */
    private static RawHttpServer.Handler fragmented(byte[] sse, long seed) {
        return (request, reply) -> {
            reply.eventStreamHead();
            Random random = new Random(seed);
            for (int from = 0; from < sse.length; ) {
                int to = Math.min(sse.length, from + 1 + random.nextInt(7));
                reply.chunk(Arrays.copyOfRange(sse, from, to));
                from = to;
            }
            reply.lastChunk();
        };
    }

    @Test
    void anthropicThinkingSplitIntoTinyChunksCollectsIntact() {
        server.answerWith(fragmented(StreamFixtures.bytes("anthropic-thinking.sse"), 1));

        LlmResponse response = LlmStreamCollector.collect(anthropic().stream(REQUEST)).block(BLOCK);

        assertThat(response.thinking()).contains("1071 = 2 × 462 + 147").endsWith("GCD(1071, 462) = 21");
        assertThat(response.thinkingBlocks().get(0).signature()).endsWith("DQ==");
        assertThat(response.content()).isEqualTo("The greatest common divisor of 1071 and 462 is **21**.");
        assertThat(response.usage()).isEqualTo(new Usage(42, 115, 169, 12, 0, null));
        RawHttpServer.Request sent = server.requests().get(0);
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.header("accept")).contains("text/event-stream");
        assertThat(sent.bodyText()).contains("\"stream\":true");
    }

    @Test
    void openAiCrLfStreamWithEmojiSplitIntoTinyChunksCollectsIntact() {
        server.answerWith(fragmented(StreamFixtures.bytes("openai-text.sse"), 2));

        LlmResponse response = LlmStreamCollector.collect(openAi().stream(REQUEST)).block(BLOCK);

        assertThat(response.content()).isEqualTo("Grüße aus 東京 🌸");
        assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(response.usage().totalTokens()).isEqualTo(21);
        assertThat(server.requests().get(0).bodyText()).contains("\"stream_options\":{\"include_usage\":true}");
    }

    @Test
    void aConnectionCutAfterContentInterruptsWithThePartialAnswerAndATransportCause() {
        String whole = StreamFixtures.anthropicText("end_turn", "Hel", "lo", " world");
        byte[] partial = whole.substring(0, whole.indexOf("lo\"}}") + 7).getBytes(StandardCharsets.UTF_8);
        server.answerWith((request, reply) -> {
            reply.eventStreamHead();
            reply.chunk(partial);
            Thread.sleep(50);
            reply.reset();
        });
        List<LlmStreamEvent> seen = new CopyOnWriteArrayList<>();

        Throwable error = catchThrowable(() -> anthropic().stream(REQUEST).doOnNext(seen::add).blockLast(BLOCK));

        assertThat(seen).contains(new LlmStreamEvent.TextDelta("Hel"), new LlmStreamEvent.TextDelta("lo"));
        assertThat(error).isInstanceOf(ArcLlmStreamInterruptedException.class).hasMessageContaining("anthropic");
        ArcLlmStreamInterruptedException interrupted = (ArcLlmStreamInterruptedException) error;
        assertThat(interrupted.partialResponse().content()).isEqualTo("Hello");
        assertThat(interrupted.getCause()).isInstanceOf(ArcLlmTransportException.class);
    }

    @Test
    void aConnectionClosedBeforeContentIsARetryableTransportErrorWithNothingEmitted() {
        String whole = StreamFixtures.anthropicText("end_turn", "Hello");
        byte[] partial = whole.substring(0, whole.indexOf("event: content_block_delta")).getBytes(StandardCharsets.UTF_8);
        server.answerWith((request, reply) -> {
            reply.eventStreamHead();
            reply.chunk(partial);
            reply.lastChunk();
        });
        List<LlmStreamEvent> seen = new CopyOnWriteArrayList<>();

        Throwable error = catchThrowable(() -> anthropic().stream(REQUEST).doOnNext(seen::add).blockLast(BLOCK));

        assertThat(seen).isEmpty();
        assertThat(error).isExactlyInstanceOf(ArcLlmTransportException.class)
                .hasCauseInstanceOf(java.io.EOFException.class).cause().hasMessageContaining("message_stop");
    }

    @Test
    void anOverloadedErrorEventAfterPingsAndBeforeContentIsA529() {
        String sse = StreamFixtures.anthropicEvent("message_start", """
                {"type":"message_start","message":{"model":"claude-test","usage":{"input_tokens":3,"output_tokens":1}}}""")
                + StreamFixtures.anthropicEvent("ping", "{\"type\":\"ping\"}")
                + StreamFixtures.anthropicError("overloaded_error", "Overloaded");
        server.answerWith(fragmented(sse.getBytes(StandardCharsets.UTF_8), 3));

        Throwable error = catchThrowable(() -> anthropic().stream(REQUEST).blockLast(BLOCK));

        assertThat(error).isInstanceOf(ArcLlmApiException.class);
        assertThat(((ArcLlmApiException) error).statusCode()).isEqualTo(529);
    }

    @Test
    void aServerSilentAfterContentHitsTheIdleTimeout() {
        String whole = StreamFixtures.anthropicText("end_turn", "Hel", "lo");
        byte[] partial = whole.substring(0, whole.indexOf("event: content_block_stop")).getBytes(StandardCharsets.UTF_8);
        server.answerWith((request, reply) -> {
            reply.eventStreamHead();
            reply.chunk(partial);
            reply.stallUntilHangUp(Duration.ofSeconds(10), "");
        });

        Throwable error = catchThrowable(() -> anthropic(Duration.ofSeconds(5), Duration.ofMillis(300))
                .stream(REQUEST).blockLast(BLOCK));

        assertThat(error).isInstanceOf(ArcLlmStreamInterruptedException.class);
        assertThat(error.getCause()).isInstanceOf(ArcLlmTimeoutException.class).hasMessageContaining("stream idle timeout after 300 ms");
        assertThat(((ArcLlmStreamInterruptedException) error).partialResponse().content()).isEqualTo("Hello");
        server.awaitNoOpenConnections(Duration.ofSeconds(2));
    }

    @Test
    void aServerThatSendsNoEventHitsTheFirstEventTimeout() {
        server.answerWith((request, reply) -> {
            reply.eventStreamHead();
            reply.stallUntilHangUp(Duration.ofSeconds(10), "");
        });

        Throwable error = catchThrowable(() -> anthropic(Duration.ofMillis(300), Duration.ofSeconds(5))
                .stream(REQUEST).blockLast(BLOCK));

        assertThat(error).isExactlyInstanceOf(ArcLlmTimeoutException.class).hasMessageContaining("stream first-event timeout");
    }

    @Test
    void pingsKeepASlowStreamAlive() {
        String whole = StreamFixtures.anthropicText("end_turn", "Hello");
        int split = whole.indexOf("event: content_block_delta");
        server.answerWith((request, reply) -> {
            reply.eventStreamHead();
            reply.chunk(whole.substring(0, split).getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 8; i++) {
                Thread.sleep(100);
                reply.chunk(StreamFixtures.anthropicEvent("ping", "{\"type\": \"ping\"}").getBytes(StandardCharsets.UTF_8));
            }
            reply.chunk(whole.substring(split).getBytes(StandardCharsets.UTF_8));
            reply.lastChunk();
        });

        LlmResponse response = LlmStreamCollector.collect(anthropic(Duration.ofSeconds(5), Duration.ofMillis(400))
                .stream(REQUEST)).block(BLOCK);

        assertThat(response.content()).isEqualTo("Hello");
    }

    @Test
    void cancellingTheStreamClosesTheConnection() throws InterruptedException {
        CountDownLatch hungUp = new CountDownLatch(1);
        AtomicLong sent = new AtomicLong();
        server.answerWith((request, reply) -> {
            reply.eventStreamHead();
            reply.chunk(StreamFixtures.anthropicText("end_turn").split("event: content_block_stop")[0].getBytes(StandardCharsets.UTF_8));
            while (reply.chunk(StreamFixtures.anthropicEvent("content_block_delta",
                    "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"tick \"}}")
                    .getBytes(StandardCharsets.UTF_8))) {
                sent.incrementAndGet();
                Thread.sleep(10);
            }
            hungUp.countDown();
        });

        List<LlmStreamEvent> taken = anthropic().stream(REQUEST).filter(LlmStreamEvent.TextDelta.class::isInstance)
                .take(3).collectList().block(BLOCK);

        assertThat(taken).hasSize(3);
        assertThat(hungUp.await(5, TimeUnit.SECONDS)).as("the server saw the client hang up").isTrue();
        server.awaitNoOpenConnections(Duration.ofSeconds(2));
        assertThat(sent.get()).as("deltas the server wrote before it noticed").isLessThan(1_000);
    }

    @Test
    void aReaderThatStopsRequestingStopsTheServerWithoutBufferingTheAnswer() throws InterruptedException {
        byte[] delta = StreamFixtures.anthropicEvent("content_block_delta",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"" + "x".repeat(1000) + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        AtomicLong written = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        server.answerWith((request, reply) -> {
            reply.eventStreamHead();
            reply.chunk(StreamFixtures.anthropicText("end_turn").split("event: content_block_stop")[0].getBytes(StandardCharsets.UTF_8));
            // Up to 256 MB if nothing pushed back.
            for (int i = 0; i < 256_000 && !stop.get() && reply.chunk(delta); i++) {
                written.addAndGet(delta.length);
            }
        });
        CountDownLatch first = new CountDownLatch(1);
        BaseSubscriber<LlmStreamEvent> slow = new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(org.reactivestreams.Subscription subscription) {
                request(1);
            }

            @Override
            protected void hookOnNext(LlmStreamEvent value) {
                first.countDown(); // and request nothing more
            }
        };
        anthropic().stream(REQUEST).subscribe(slow);
        assertThat(first.await(5, TimeUnit.SECONDS)).isTrue();
        long previous = -1;
        for (int i = 0; i < 50 && written.get() != previous; i++) { // until the server's writes are blocked
            previous = written.get();
            Thread.sleep(100);
        }
        long stalledAt = written.get();
        slow.dispose();
        stop.set(true);

        assertThat(stalledAt).as("bytes the server could write to a reader that took one event")
                .isLessThan(32L * 1024 * 1024);
        server.awaitNoOpenConnections(Duration.ofSeconds(5));
    }
}
