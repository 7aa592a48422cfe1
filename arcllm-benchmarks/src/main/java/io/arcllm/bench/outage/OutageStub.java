package io.arcllm.bench.outage;

import java.net.URI;
import java.time.Duration;
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
 * A stand-in Anthropic Messages API on 127.0.0.1 that can be taken down: during an outage every request
 * gets an immediate {@code 503} ({@code overloaded_error}); otherwise the canned answer after a fixed delay
 * (a timer on the connection's event loop). Counts every request and remembers when it first answered after
 * the outage ended. Runs on event loops of its own.
 */
final class OutageStub implements AutoCloseable {

    private static final byte[] ANSWER = CannedAnswers.anthropicMessage();
    private static final String OVERLOADED = "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}";

    private final LoopResources loops;
    private final DisposableServer server;
    private final Duration delay;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong firstAnswerAfterOutageNanos = new AtomicLong();
    private volatile long outageStartNanos = Long.MAX_VALUE;
    private volatile long outageEndNanos = Long.MIN_VALUE;

    /** Starts a stub answering after {@code delay}, on a free port, with {@code workers} event-loop threads. */
    OutageStub(String name, Duration delay, int workers) {
        this.delay = delay;
        this.loops = LoopResources.create("bench-" + name, 1, workers, true);
        this.server = HttpServer.create().host("127.0.0.1").port(0).runOn(loops)
                .route(routes -> routes.post("/v1/messages", this::answer))
                .bindNow(Duration.ofSeconds(10));
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** Answers 503 from now on for {@code length}; returns the outage's end on the {@link System#nanoTime()} clock. */
    long outageFor(Duration length) {
        long now = System.nanoTime();
        firstAnswerAfterOutageNanos.set(0);
        outageEndNanos = now + length.toNanos();
        outageStartNanos = now;
        return outageEndNanos;
    }

    /** Requests received since start (answered or failed). */
    long requests() {
        return requests.get();
    }

    /** 503s sent. */
    long failed() {
        return failed.get();
    }

    /** When the stub first answered a request after the outage ended ({@link System#nanoTime()}), or 0. */
    long firstAnswerAfterOutageNanos() {
        return firstAnswerAfterOutageNanos.get();
    }

    private Mono<Void> answer(HttpServerRequest request, HttpServerResponse response) {
        requests.incrementAndGet();
        long now = System.nanoTime();
        if (now >= outageStartNanos && now < outageEndNanos) {
            failed.incrementAndGet();
            return request.receive().then(response.status(HttpResponseStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                    .sendString(Mono.just(OVERLOADED)).then());
        }
        Mono<Void> read = request.receive().then();
        Mono<Void> waited = delay.isZero() ? read : read.then(Mono.<Void>create(sink -> request.withConnection(
                connection -> connection.channel().eventLoop().schedule((Runnable) sink::success, delay.toNanos(),
                        TimeUnit.NANOSECONDS))));
        return waited.then(Mono.defer(() -> {
            if (now >= outageEndNanos && outageEndNanos != Long.MIN_VALUE) {
                firstAnswerAfterOutageNanos.compareAndSet(0, System.nanoTime());
            }
            return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                    .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(ANSWER.length))
                    .sendByteArray(Mono.just(ANSWER)).then();
        }));
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
        loops.disposeLater().block(Duration.ofSeconds(5));
    }
}
