package io.arcllm.adapter.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A real Reactor Netty server on a free loopback port standing in for the Anthropic Messages API, for tests that
 * need what WireMock cannot show: the HTTP version a request came in, how many connections the client opened and
 * how many requests were in progress at once. {@code POST /v1/messages} answers {@code body} (or, for a request with
 * {@code "stream":true}, {@code stream}'s events) after {@code delay}; every request is recorded as it arrives.
 */
final class RecordingNettyServer implements AutoCloseable {

    /** One request as the server read it. */
    record Received(String protocol, String method, String path, Map<String, String> headers, String body) {
    }

    private final DisposableServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger inProgress = new AtomicInteger();
    private final AtomicInteger mostInProgress = new AtomicInteger();
    private final String body;
    private final List<String> stream;
    private volatile Duration delay;

    private RecordingNettyServer(Duration delay, String body, List<String> stream, HttpProtocol... protocols) {
        this.delay = delay;
        this.body = body;
        this.stream = List.copyOf(stream);
        this.server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .protocol(protocols)
                .doOnChannelInit((observer, channel, remoteAddress) -> connections.incrementAndGet())
                .route(routes -> routes.post("/v1/messages", this::answer))
                .bindNow(Duration.ofSeconds(10));
    }

    /** Starts a server speaking {@code protocols} (e.g. {@code H2C} alone: HTTP/2 with prior knowledge only). */
    static RecordingNettyServer start(Duration delay, String body, List<String> stream, HttpProtocol... protocols) {
        return new RecordingNettyServer(delay, body, stream, protocols);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Makes answers to requests read from now on wait {@code delay}. */
    void delay(Duration delay) {
        this.delay = delay;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** Connections the server accepted (for HTTP/2: connections, not streams). */
    int connections() {
        return connections.get();
    }

    /** The most requests the server was working on at one time. */
    int mostInProgress() {
        return mostInProgress.get();
    }

    private Mono<Void> answer(HttpServerRequest request, HttpServerResponse response) {
        int now = inProgress.incrementAndGet();
        mostInProgress.accumulateAndGet(now, Math::max);
        Duration wait = delay;
        return request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("").flatMap(text -> {
            Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            request.requestHeaders().forEach(header -> headers.put(header.getKey(), header.getValue()));
            received.add(new Received(request.protocol(), request.method().name(), request.uri(), headers, text));
            boolean streamed = text.contains("\"stream\":true");
            return Mono.delay(wait).then(streamed
                    ? response.status(HttpResponseStatus.OK).header("content-type", "text/event-stream")
                            .sendString(Flux.fromIterable(stream)).then()
                    : response.status(HttpResponseStatus.OK).header("content-type", "application/json")
                            .sendString(Mono.just(body)).then());
        }).doFinally(signal -> inProgress.decrementAndGet());
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
    }
}
