package io.arcllm.adapter.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

import io.arcllm.config.HttpVersion;
import io.arcllm.config.ProviderSettings;
import io.arcllm.internal.CallDeadline;
import io.netty.channel.ChannelOption;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * One provider's HTTP client: a WebClient over Reactor Netty with its own connection pool of the provider's
 * {@code max-connections} (calls beyond it wait for a free connection), HTTP/1.1 or HTTP/2 as configured, the
 * provider's connect timeout, a whole-answer read timeout, a response size limit and no redirects.
 * Non-blocking throughout; Netty's shared event loops do the I/O, so concurrent calls cost
 * connections, not threads. {@link #close()} releases the pool.
 */
public final class HttpTransport implements AutoCloseable {

    /**
     * How much longer than the calls' own bounds the pool lets a call wait for a connection. A call waiting for a
     * connection is bounded by its read timeout and deadline (an answer) or its first-event timeout (a stream), which
     * end it with the usual timeout error; the pool's own timer is only a backstop behind them.
     */
    static final Duration PENDING_ACQUIRE_MARGIN = Duration.ofSeconds(5);
    /** Idle connections are closed well before providers drop them, avoiding "connection reset" on reuse. */
    static final Duration MAX_IDLE_TIME = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(HttpTransport.class);
    private static final List<MediaType> ACCEPT_JSON = List.of(MediaType.APPLICATION_JSON);
    private static final byte[] EMPTY = new byte[0];
    private static final byte[] OMITTED = "[error body omitted: it exceeds max-response-size]".getBytes(StandardCharsets.UTF_8);
    private static final Predicate<Throwable> IS_EXCEPTION = Exception.class::isInstance;

    private final String provider;
    private final Duration readTimeout;
    private final ConnectionProvider connections;
    private final WebClient webClient;
    private final TransportErrors errors;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Function<Throwable, Throwable> translate;
    private final Function<ClientResponse, Mono<HttpAnswer>> read = this::read;

    /**
     * @param webClientBuilder cloned, never mutated; its filters and default headers are kept, its connector is replaced
     */
    public HttpTransport(ProviderSettings settings, WebClient.Builder webClientBuilder) {
        this.provider = settings.id();
        this.readTimeout = settings.readTimeout();
        this.errors = new TransportErrors(provider, settings.connectTimeout(), readTimeout, settings.maxResponseBytes());
        this.translate = errors::translate;
        // Calls beyond max-connections queue without a thread (no limit on the queue's length).
        this.connections = ConnectionProvider.builder("arcllm-" + provider)
                .maxConnections(settings.maxConnections())
                .pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(longest(readTimeout, settings.streamFirstEventTimeout()).plus(PENDING_ACQUIRE_MARGIN))
                .maxIdleTime(MAX_IDLE_TIME)
                .build();
        HttpClient httpClient = HttpClient.create(connections)
                .protocol(protocols(settings))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(settings.connectTimeout().toMillis(), Integer.MAX_VALUE))
                // A redirect could carry the API key header to another host: report it as a non-2xx answer instead.
                .followRedirect(false)
                .compress(true);
        // Loads Netty's event loops, native transport and DNS resolver now (once per JVM, ~1 s cold) rather than
        // on the first call's subscribing thread. Not block(): an adapter may be created on an event loop.
        httpClient.warmup().subscribe(null, e -> log.debug("{}: HTTP client warm-up failed", provider, e));
        int maxInMemory = (int) Math.min(settings.maxResponseBytes(), Integer.MAX_VALUE);
        this.webClient = webClientBuilder.clone()
                .clientConnector(new ReactorClientHttpConnector(httpClient))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(maxInMemory))
                .build();
    }

    /**
     * The protocols offered for {@code settings.httpVersion()}: HTTP/2 over TLS negotiated by ALPN with HTTP/1.1 as
     * the fallback; over plain http (loopback only) h2c with prior knowledge, without an HTTP/1.1 upgrade round trip.
     */
    private static HttpProtocol[] protocols(ProviderSettings settings) {
        if (settings.httpVersion() != HttpVersion.H2) {
            return new HttpProtocol[] {HttpProtocol.HTTP11};
        }
        return "https".equalsIgnoreCase(settings.baseUrl().getScheme())
                ? new HttpProtocol[] {HttpProtocol.H2, HttpProtocol.HTTP11}
                : new HttpProtocol[] {HttpProtocol.H2C};
    }

    private static Duration longest(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /**
     * POSTs a JSON body and reads the whole answer, whatever its status.
     *
     * @param headers adds the provider's headers (authentication, version)
     * @return the answer; errors with {@link io.arcllm.ArcLlmTimeoutException} when the answer is not complete
     *     within the read timeout (capped at the time left before the call's deadline, if it has one: then the
     *     error is the deadline's), {@link io.arcllm.ArcLlmTransportException} when the provider cannot be reached,
     *     {@link io.arcllm.ArcLlmParseException} when a 2xx body exceeds the size limit
     */
    public Mono<HttpAnswer> postJson(URI uri, Consumer<HttpHeaders> headers, byte[] body) {
        return Mono.deferContextual(context -> {
            CallDeadline deadline = CallDeadline.of(context);
            if (deadline != null) {
                deadline.onAttempt(provider);
            }
            boolean debug = log.isDebugEnabled();
            if (debug) {
                log.debug("{}: POST {} ({} bytes)", provider, uri, body.length);
            }
            Mono<HttpAnswer> exchange = webClient.post()
                    .uri(uri)
                    .headers(h -> {
                        h.setContentType(MediaType.APPLICATION_JSON);
                        h.setAccept(ACCEPT_JSON);
                        headers.accept(h);
                    })
                    .bodyValue(body)
                    .exchangeToMono(read);
            Duration timeout = CallDeadline.cap(readTimeout, context);
            if (deadline == null) {
                // The common case: the read timeout alone, on the cheap shared timer.
                exchange = exchange.timeout(new ReadTimer(timeout)).onErrorMap(IS_EXCEPTION, translate);
            } else {
                // Under a call deadline: Reactor's timer, as the deadline module's (virtual time in tests drives both).
                exchange = exchange.timeout(timeout)
                        .onErrorMap(IS_EXCEPTION, e -> timeout.compareTo(readTimeout) < 0 && e instanceof TimeoutException
                                ? deadline.expired(e) : errors.translate(e));
            }
            return debug ? logged(exchange, uri) : exchange;
        });
    }

    private Mono<HttpAnswer> logged(Mono<HttpAnswer> exchange, URI uri) {
        long start = System.nanoTime();
        return exchange
                .doOnNext(answer -> log.debug("{}: HTTP {} in {} ms ({} bytes{})", provider, answer.status(),
                        (System.nanoTime() - start) / 1_000_000, answer.bytes().length, requestId(answer)))
                .doOnError(e -> log.debug("{}: POST {} failed after {} ms: {}", provider, uri,
                        (System.nanoTime() - start) / 1_000_000, e.getMessage()));
    }

    /**
     * POSTs a JSON body asking for {@code text/event-stream} and streams a 2xx answer's body as it arrives, in
     * chunks as the network delivers them, without the read timeout (the caller times the events). Cancelling the
     * {@code Flux} closes the connection.
     *
     * @param headers adds the provider's headers (authentication, version)
     * @param errorAnswer the exception for a non-2xx answer, which is read whole first
     * @param listener hears the answer's status and headers as soon as they arrive, before its body is read
     *     (whatever the status); null for none
     * @return the body's chunks; errors with {@link io.arcllm.ArcLlmTransportException} (or
     *     {@link io.arcllm.ArcLlmTimeoutException} for connect) when the provider cannot be reached or the connection
     *     breaks, and with {@code errorAnswer}'s exception for a non-2xx answer
     */
    public Flux<byte[]> postStream(URI uri, Consumer<HttpHeaders> headers, byte[] body,
                                   Function<HttpAnswer, ? extends Throwable> errorAnswer,
                                   @Nullable ProviderResponseListener listener) {
        return Flux.defer(() -> {
            log.debug("{}: POST {} streaming ({} bytes)", provider, uri, body.length);
            return webClient.post()
                    .uri(uri)
                    .headers(h -> {
                        h.setContentType(MediaType.APPLICATION_JSON);
                        h.setAccept(List.of(MediaType.TEXT_EVENT_STREAM, MediaType.APPLICATION_JSON));
                        headers.accept(h);
                    })
                    .bodyValue(body)
                    .exchangeToFlux(response -> {
                        if (listener != null) {
                            listener.onResponse(provider, response.statusCode().value(), response.headers().asHttpHeaders());
                        }
                        return response.statusCode().is2xxSuccessful()
                                ? response.bodyToFlux(DataBuffer.class).map(HttpTransport::bytes)
                                : read(response).flatMapMany(answer -> Flux.error(errorAnswer.apply(answer)));
                    })
                    .onErrorMap(e -> e instanceof Exception, errors::translate)
                    .doOnError(e -> log.debug("{}: streaming POST {} failed: {}", provider, uri, e.getMessage()));
        });
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    private Mono<HttpAnswer> read(ClientResponse response) {
        int status = response.statusCode().value();
        HttpHeaders headers = response.headers().asHttpHeaders();
        Mono<byte[]> body = response.bodyToMono(byte[].class);
        if (!response.statusCode().is2xxSuccessful()) {
            // The status matters more than an oversized error page: keep the status, note the cut body.
            body = body.onErrorResume(DataBufferLimitException.class, e -> Mono.just(OMITTED));
        }
        return body.defaultIfEmpty(EMPTY).map(bytes -> new HttpAnswer(status, headers, bytes));
    }

    /** The provider's request id (Anthropic: {@code request-id}, OpenAI: {@code x-request-id}), for support tickets. */
    private static String requestId(HttpAnswer answer) {
        String id = answer.headers().getFirst("request-id");
        id = id != null ? id : answer.headers().getFirst("x-request-id");
        return id == null ? "" : ", request id " + id;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed.get();
    }

    /** Releases the connection pool without blocking. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            connections.disposeLater().subscribe(null, e -> log.debug("{}: closing the connection pool failed", provider, e));
        }
    }
}
