package io.arcllm.bench.storm;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.arcllm.bench.stub.CannedAnswers;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;

/**
 * An Anthropic Messages stub that enforces a provider's limits the way Anthropic does: token buckets of
 * {@code requestsPerMinute} requests and {@code outputTokensPerMinute} output tokens, each starting full and
 * refilling continuously. A request the buckets cannot pay for gets {@code 429} with {@code Retry-After} (whole
 * seconds until it could be paid) and nothing is charged; an admitted one is charged one request and the answer's
 * output tokens ({@value #OUTPUT_TOKENS}) and answered after {@code delay}. Every answer carries
 * {@code anthropic-ratelimit-requests-remaining} and {@code anthropic-ratelimit-output-tokens-remaining}.
 */
final class StormStub implements AutoCloseable {

    /** Output tokens each answer reports (and is charged). */
    static final int OUTPUT_TOKENS = 90;

    private static final byte[] ANSWER = CannedAnswers.anthropicMessageText()
            .replace("\"output_tokens\":151", "\"output_tokens\":" + OUTPUT_TOKENS).getBytes(StandardCharsets.UTF_8);

    private final long requestsPerMinute;
    private final long outputTokensPerMinute;
    private final Duration delay;
    private final LoopResources loops = LoopResources.create("storm-stub", 1, 2, true);
    private final DisposableServer server;
    private final long startNanos = System.nanoTime();
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong tooMany = new AtomicLong();
    private final Queue<Long> okNanos = new ConcurrentLinkedQueue<>();
    private final AtomicLong firstRequestNanos = new AtomicLong();
    private double requests;
    private double outputTokens;
    private long lastRefill = startNanos;

    StormStub(long requestsPerMinute, long outputTokensPerMinute, Duration delay) {
        this.requestsPerMinute = requestsPerMinute;
        this.outputTokensPerMinute = outputTokensPerMinute;
        this.requests = requestsPerMinute;
        this.outputTokens = outputTokensPerMinute;
        this.delay = delay;
        this.server = HttpServer.create().host("127.0.0.1").port(0).runOn(loops)
                .route(routes -> routes.post("/v1/messages", this::answer))
                .bindNow(Duration.ofSeconds(10));
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    long ok() {
        return ok.get();
    }

    long tooMany() {
        return tooMany.get();
    }

    /** Requests admitted (answered 200) between {@code from} and {@code to} after the first request reached the stub. */
    long okBetween(Duration from, Duration to) {
        long first = firstRequestNanos.get();
        return okNanos.stream().filter(t -> t - first >= from.toNanos() && t - first < to.toNanos()).count();
    }

    /** Charges one request and the output tokens, or returns the nanos until it could (nothing charged). */
    private synchronized long admit() {
        long now = System.nanoTime();
        double minutes = (now - lastRefill) / 60e9;
        lastRefill = now;
        requests = Math.min(requestsPerMinute, requests + minutes * requestsPerMinute);
        outputTokens = Math.min(outputTokensPerMinute, outputTokens + minutes * outputTokensPerMinute);
        if (requests >= 1 && outputTokens >= OUTPUT_TOKENS) {
            requests -= 1;
            outputTokens -= OUTPUT_TOKENS;
            return 0;
        }
        double waitRequests = requests >= 1 ? 0 : (1 - requests) / requestsPerMinute * 60e9;
        double waitTokens = outputTokens >= OUTPUT_TOKENS ? 0 : (OUTPUT_TOKENS - outputTokens) / outputTokensPerMinute * 60e9;
        return (long) Math.max(waitRequests, waitTokens);
    }

    private synchronized long[] remaining() {
        return new long[] {(long) requests, (long) outputTokens};
    }

    private Mono<Void> answer(HttpServerRequest request, HttpServerResponse response) {
        firstRequestNanos.compareAndSet(0, System.nanoTime());
        return request.receive().then(Mono.defer(() -> {
            long wait = admit();
            long[] left = remaining();
            response.header("anthropic-ratelimit-requests-remaining", Long.toString(left[0]))
                    .header("anthropic-ratelimit-output-tokens-remaining", Long.toString(left[1]));
            if (wait == 0) {
                okNanos.add(System.nanoTime());
            }
            if (wait > 0) {
                tooMany.incrementAndGet();
                long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait + 999_999_999L));
                return response.status(HttpResponseStatus.TOO_MANY_REQUESTS)
                        .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                        .header("retry-after", Long.toString(seconds))
                        .sendString(Mono.just("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\","
                                + "\"message\":\"rate limit exceeded\"}}")).then();
            }
            return Mono.delay(delay).then(Mono.defer(() -> {
                ok.incrementAndGet();
                return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                        .sendByteArray(Mono.just(ANSWER)).then();
            }));
        }));
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
        loops.disposeLater().block(Duration.ofSeconds(5));
    }
}
