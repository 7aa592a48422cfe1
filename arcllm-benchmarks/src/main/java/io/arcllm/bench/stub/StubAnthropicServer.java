package io.arcllm.bench.stub;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;

/**
 * A stand-in for the Anthropic Messages API on 127.0.0.1: {@code POST /v1/messages} answers
 * {@link CannedAnswers#anthropicMessage()} after a configurable delay. It runs on event loops of its
 * own (threads named {@value #THREAD_PREFIX}...), so it never shares a thread with the clients under
 * test, and the delay is a timer on the connection's own event loop, not a sleeping thread.
 *
 * <p>A request without a key ({@code x-api-key}, or {@code Authorization}, which the official SDK 3.x
 * sends) or without {@code anthropic-version} gets a 400, so a client that forgets them is caught
 * rather than measured. {@link #requestCount()} counts the answered calls. {@link #startWithH2c} adds HTTP/2
 * without TLS (h2c) on the same port, for the HTTP/2 scenarios; {@link #connectionCount()} then counts HTTP/2
 * connections, not streams.
 */
public final class StubAnthropicServer implements AutoCloseable {

    /** Name prefix of the stub's threads; the load driver leaves them out of client-side figures. */
    public static final String THREAD_PREFIX = "bench-stub";

    private static final byte[] ANSWER = CannedAnswers.anthropicMessage();

    private final LoopResources loops;
    private final DisposableServer server;
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong closedConnections = new AtomicLong();
    private volatile Duration delay = Duration.ZERO;
    private volatile int failWith;
    private volatile int streamDeltas;

    private StubAnthropicServer(int workerThreads, int h2cMaxStreams) {
        this.loops = LoopResources.create(THREAD_PREFIX, 1, workerThreads, true);
        HttpServer http = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .runOn(loops);
        if (h2cMaxStreams > 0) {
            // Both on one port: HTTP/1.1, and h2c with prior knowledge (a client's preface is recognized).
            http = http.protocol(HttpProtocol.HTTP11, HttpProtocol.H2C)
                    .http2Settings(settings -> settings.maxConcurrentStreams(h2cMaxStreams))
                    // The scale scenarios open thousands of HTTP/1.1 connections at once.
                    .option(ChannelOption.SO_BACKLOG, 4096);
        }
        this.server = http
                .doOnChannelInit((observer, channel, remoteAddress) -> {
                    connections.incrementAndGet();
                    channel.closeFuture().addListener(closed -> closedConnections.incrementAndGet());
                })
                .route(routes -> routes.post("/v1/messages", this::answer))
                .bindNow(Duration.ofSeconds(10));
    }

    /**
     * Starts a stub on a free port.
     *
     * @param workerThreads event-loop threads serving connections (1 or 2 suit a 2-core machine)
     * @throws IllegalArgumentException if {@code workerThreads < 1}
     */
    public static StubAnthropicServer start(int workerThreads) {
        if (workerThreads < 1) {
            throw new IllegalArgumentException("workerThreads must be >= 1, was " + workerThreads);
        }
        return new StubAnthropicServer(workerThreads, 0);
    }

    /**
     * Starts a stub on a free port that speaks HTTP/1.1 and h2c (HTTP/2 over plain TCP with prior knowledge) on the
     * same port, allowing {@code maxConcurrentStreams} calls at once per HTTP/2 connection.
     *
     * @throws IllegalArgumentException if {@code workerThreads < 1} or {@code maxConcurrentStreams < 1}
     */
    public static StubAnthropicServer startWithH2c(int workerThreads, int maxConcurrentStreams) {
        if (workerThreads < 1) {
            throw new IllegalArgumentException("workerThreads must be >= 1, was " + workerThreads);
        }
        if (maxConcurrentStreams < 1) {
            throw new IllegalArgumentException("maxConcurrentStreams must be >= 1, was " + maxConcurrentStreams);
        }
        return new StubAnthropicServer(workerThreads, maxConcurrentStreams);
    }

    /** The base URL clients point at, e.g. {@code http://127.0.0.1:41234}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /**
     * Sets how long each answer waits after the request was read; applies to requests read from now on.
     *
     * @throws IllegalArgumentException if negative
     */
    public void delay(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must be >= 0, was " + delay);
        }
        this.delay = delay;
    }

    /**
     * Makes every answer from now on an API error with this HTTP status (0: answer normally again).
     *
     * @throws IllegalArgumentException if not 0 and not a 4xx/5xx status
     */
    public void failWith(int status) {
        if (status != 0 && (status < 400 || status > 599)) {
            throw new IllegalArgumentException("status must be 0 or 400-599, was " + status);
        }
        this.failWith = status;
    }

    /**
     * Makes every answer from now on a {@code text/event-stream} of {@code deltas} text deltas (a request without
     * {@code "stream":true} then gets a 400); 0 goes back to whole JSON answers.
     */
    public void streamDeltas(int deltas) {
        if (deltas < 0) {
            throw new IllegalArgumentException("deltas must be >= 0, was " + deltas);
        }
        this.streamDeltas = deltas;
    }

    /** How many {@code 200} answers were sent since start. */
    public long requestCount() {
        return answered.get();
    }

    /** How many connections clients opened since start (a pooled client opens each once and reuses it). */
    public long connectionCount() {
        return connections.get();
    }

    /** How many client connections were closed since start (by either side). */
    public long closedConnectionCount() {
        return closedConnections.get();
    }

    private Mono<Void> answer(HttpServerRequest request, HttpServerResponse response) {
        HttpHeaders headers = request.requestHeaders();
        boolean keyed = headers.contains("x-api-key") || headers.contains(HttpHeaderNames.AUTHORIZATION);
        if (!keyed || !headers.contains("anthropic-version")) {
            return request.receive().then(response.status(HttpResponseStatus.BAD_REQUEST)
                    .sendString(Mono.just("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                            + "\"message\":\"an API key and anthropic-version are required\"}}")).then());
        }
        int failure = failWith;
        if (failure != 0) {
            return request.receive().then(response.status(HttpResponseStatus.valueOf(failure))
                    .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                    .sendString(Mono.just("{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"stub failure\"}}"))
                    .then());
        }
        int deltas = streamDeltas;
        if (deltas > 0) {
            return stream(request, response, deltas);
        }
        long delayNanos = delay.toNanos();
        Mono<Void> read = request.receive().then();
        Mono<Void> waited = delayNanos == 0 ? read : read.then(Mono.<Void>create(sink -> request.withConnection(
                connection -> connection.channel().eventLoop().schedule((Runnable) sink::success, delayNanos, TimeUnit.NANOSECONDS))));
        return waited.then(Mono.defer(() -> {
            answered.incrementAndGet();
            return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                    .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(ANSWER.length))
                    .header("request-id", "req_bench_stub")
                    .sendByteArray(Mono.just(ANSWER))
                    .then();
        }));
    }

    private Mono<Void> stream(HttpServerRequest request, HttpServerResponse response, int deltas) {
        return request.receive().aggregate().asString().flatMap(body -> {
            if (!body.contains("\"stream\":true")) {
                return response.status(HttpResponseStatus.BAD_REQUEST).sendString(Mono.just("{\"error\":\"stream expected\"}")).then();
            }
            answered.incrementAndGet();
            return response.header(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
                    .sendByteArray(Flux.concat(Flux.just(CannedAnswers.STREAM_START),
                            Flux.range(0, deltas).map(i -> CannedAnswers.STREAM_DELTA),
                            Flux.just(CannedAnswers.streamEnd(deltas))))
                    .then();
        });
    }

    /** Stops accepting, closes connections and releases the event loops; blocks up to a few seconds. */
    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
        loops.disposeLater().block(Duration.ofSeconds(5));
    }
}
