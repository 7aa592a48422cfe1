package io.arcllm.adapter.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static io.arcllm.adapter.internal.AdapterTestSupport.Format.ANTHROPIC;
import static io.arcllm.adapter.internal.AdapterTestSupport.Format.OPENAI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.arcllm.ArcLlmApiException;
import io.arcllm.ArcLlmRateLimitException;
import io.arcllm.LlmRequest;
import io.arcllm.LlmStreamEvent;
import io.arcllm.Message;
import io.arcllm.StopReason;
import io.arcllm.config.RateLimitConfig;
import io.arcllm.module.internal.RateLimitModule;
import io.arcllm.ratelimit.RateLimitBudget;
import io.arcllm.ratelimit.RateLimitObserver;
import io.arcllm.ratelimit.internal.RateLimiter;
import io.arcllm.ratelimit.internal.RateLimiters;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * Streams teach the rate limiter as answers do: each streamed HTTP answer's status and rate-limit headers reach the
 * limiter as soon as the headers arrive, and a 429 to a stream request pauses the provider.
 */
class RateLimitStreamLearningTests {

    @RegisterExtension
    static final WireMockExtension wireMock = AdapterTestSupport.wireMock();

    private static final LlmRequest HELLO = LlmRequest.builder().message(Message.user("hello")).maxTokens(50).build();
    /** 50 requests and 8,000 output tokens a minute; a call that would wait is refused at once. */
    private static final RateLimitConfig CONFIG = new RateLimitConfig(50L, 0L, 8000L, 0, Duration.ZERO,
            null, null, null, null);

    private BaseAdapter adapter;

    @AfterEach
    void close() {
        if (adapter != null) {
            adapter.close();
        }
    }

    /** A limiter whose clock stands still (virtual), so no refill blurs what a call took and what a header lowered. */
    private static RateLimiter stillLimiter(AdapterTestSupport.Format format) {
        return new RateLimiters(null, VirtualTimeScheduler.create(), RateLimitObserver.NONE)
                .forProvider(format.id, format.model, CONFIG);
    }

    private static List<LlmStreamEvent> collect(RateLimitModule module) {
        return module.stream(HELLO).collectList().block(AdapterTestSupport.BLOCK);
    }

    @Test
    void anthropicsRemainingHeadersOnAStreamLowerTheLocalBudgets() {
        wireMock.stubFor(ANTHROPIC.endpoint().willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream")
                .withHeader("anthropic-ratelimit-requests-remaining", "3")
                .withHeader("anthropic-ratelimit-output-tokens-remaining", "9999")
                .withBody(StreamFixtures.anthropicText("end_turn", "Hel", "lo"))));
        adapter = ANTHROPIC.adapter(wireMock);
        RateLimiter limiter = stillLimiter(ANTHROPIC);
        RateLimitModule module = new RateLimitModule(adapter, limiter, 1000);

        assertThat(collect(module)).last().isEqualTo(new LlmStreamEvent.Stop(StopReason.END_TURN));

        wireMock.verify(exactly(1), ANTHROPIC.sentWithKey()
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.max_tokens", equalTo("50"))));
        assertThat(limiter.reportedRemaining()).containsEntry(RateLimitBudget.REQUESTS, 3L);
        // requests: the provider says 3 left, lower than our 49; output tokens: 8000 - 6 streamed, below the provider's 9999
        assertThat(limiter.remaining().block(AdapterTestSupport.BLOCK))
                .containsEntry(RateLimitBudget.REQUESTS, 3L).containsEntry(RateLimitBudget.OUTPUT_TOKENS, 7994L);
    }

    @Test
    void openAiSayingNoRequestsAreLeftOnAStreamMakesTheNextStreamBeRefusedUnsent() {
        wireMock.stubFor(OPENAI.endpoint().willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream")
                .withHeader("x-ratelimit-remaining-requests", "0")
                .withBody(StreamFixtures.text("openai-text.sse"))));
        adapter = OPENAI.adapter(wireMock);
        RateLimiter limiter = stillLimiter(OPENAI);
        RateLimitModule module = new RateLimitModule(adapter, limiter, 1000);

        List<LlmStreamEvent> first = collect(module);
        Throwable second = catchThrowable(() -> collect(module));

        assertThat(first).last().isEqualTo(new LlmStreamEvent.Stop(StopReason.END_TURN));
        assertThat(second).isInstanceOfSatisfying(ArcLlmRateLimitException.class, refused -> {
            assertThat(refused.provider()).isEqualTo("openai");
            assertThat(refused.budget()).isEqualTo(RateLimitBudget.REQUESTS);
        });
        wireMock.verify(exactly(1), OPENAI.sentWithKey().withRequestBody(matchingJsonPath("$.stream", equalTo("true"))));
        assertThat(limiter.remaining().block(AdapterTestSupport.BLOCK)).containsEntry(RateLimitBudget.REQUESTS, 0L);
    }

    @Test
    void openAis429WithRetryAfterToAStreamRequestPausesTheProviderSoTheNextStreamIsRefusedUnsent() {
        wireMock.stubFor(OPENAI.endpoint().willReturn(aResponse().withStatus(429).withHeader("Retry-After", "20")
                .withHeader("x-ratelimit-remaining-requests", "0").withBody("{\"error\":{\"message\":\"slow down\"}}")));
        adapter = OPENAI.adapter(wireMock);
        RateLimiter limiter = new RateLimiters().forProvider("openai", OPENAI.model, CONFIG);
        RateLimitModule module = new RateLimitModule(adapter, limiter, 1000);

        Throwable first = catchThrowable(() -> collect(module));
        Throwable second = catchThrowable(() -> collect(module));

        assertThat(first).isInstanceOfSatisfying(ArcLlmApiException.class, e -> assertThat(e.statusCode()).isEqualTo(429));
        assertThat(second).isInstanceOfSatisfying(ArcLlmRateLimitException.class, refused -> {
            assertThat(refused.budget()).isEqualTo(RateLimitBudget.RETRY_AFTER);
            assertThat(refused.suggestedWait()).isBetween(Duration.ofSeconds(19), Duration.ofSeconds(20));
        });
        wireMock.verify(exactly(1), OPENAI.sentWithKey().withRequestBody(matchingJsonPath("$.stream", equalTo("true"))));
        assertThat(limiter.reportedRemaining()).containsEntry(RateLimitBudget.REQUESTS, 0L);
        assertThat(limiter.pausedFor()).isGreaterThan(Duration.ofSeconds(19));
    }

    @Test
    void theHeadersAreLearnedWhenTheyArriveWhileTheStreamIsStillOpen() throws Exception {
        String sse = StreamFixtures.anthropicText("end_turn", "Hel", "lo");
        int cut = sse.indexOf("event: content_block_delta");
        cut = sse.indexOf("\n\n", cut) + 2; // after the first text delta
        Sinks.Empty<Void> rest = Sinks.empty();
        List<String> bodies = new CopyOnWriteArrayList<>();
        DisposableServer server = heldStream(sse.substring(0, cut), sse.substring(cut), rest, bodies);
        try {
            adapter = ANTHROPIC.adapter(ANTHROPIC.settings("http://127.0.0.1:" + server.port(), UnaryOperator.identity()));
            RateLimiter limiter = stillLimiter(ANTHROPIC);
            RateLimitModule module = new RateLimitModule(adapter, limiter, 1000);
            CountDownLatch content = new CountDownLatch(1);

            CompletableFuture<List<LlmStreamEvent>> first = module.stream(HELLO)
                    .doOnNext(event -> {
                        if (event.isContent()) {
                            content.countDown();
                        }
                    })
                    .collectList().toFuture();

            assertThat(content.await(5, TimeUnit.SECONDS)).as("the first text delta arrives").isTrue();
            assertThat(first).isNotDone();
            assertThat(limiter.reportedRemaining()).containsEntry(RateLimitBudget.REQUESTS, 0L);
            assertThat(catchThrowable(() -> collect(module))).isInstanceOfSatisfying(ArcLlmRateLimitException.class,
                    refused -> assertThat(refused.budget()).isEqualTo(RateLimitBudget.REQUESTS));

            rest.tryEmitEmpty();
            assertThat(first.get(5, TimeUnit.SECONDS)).last().isEqualTo(new LlmStreamEvent.Stop(StopReason.END_TURN));
            assertThat(bodies).singleElement().satisfies(body -> assertThat(body).contains("\"stream\":true"));
        } finally {
            server.disposeNow(Duration.ofSeconds(5));
        }
    }

    /**
     * A server whose {@code POST /v1/messages} answers 200 with {@code anthropic-ratelimit-requests-remaining: 0},
     * sends {@code head} and holds the rest of the body until {@code rest} completes; it records each request body.
     */
    private static DisposableServer heldStream(String head, String tail, Sinks.Empty<Void> rest, List<String> bodies) {
        return HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes.post("/v1/messages", (request, response) -> request.receive().aggregate()
                        .asString(StandardCharsets.UTF_8)
                        .flatMap(body -> {
                            bodies.add(body);
                            return response.status(HttpResponseStatus.OK)
                                    .header("content-type", "text/event-stream")
                                    .header("anthropic-ratelimit-requests-remaining", "0")
                                    .sendString(Flux.concat(Flux.just(head), rest.asMono().thenMany(Flux.just(tail))))
                                    .then();
                        })))
                .bindNow(Duration.ofSeconds(10));
    }
}
