package io.arcllm.sample.demo;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.arcllm.config.ApiFormat;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * An in-process stand-in for the Anthropic or OpenAI HTTP API, or an OpenAI-compatible one such as Groq's, on
 * a random port of 127.0.0.1. It speaks the real wire format of {@code POST /v1/messages} or
 * {@code POST /v1/chat/completions}: it insists on the authentication header (any key will do; a keyless
 * stand-in accepts none), reads the request JSON and answers with a canned, helpful text that echoes the last
 * user message, whole or, for {@code "stream": true}, as server-sent events word by word. Faults can be
 * scripted: {@link #enqueue} queues faults for the
 * next requests, one each; {@link #outage} fails every request until {@link #recover()}.
 *
 * <p>A tiny Reactor Netty server, so the sample needs no extra dependency. Thread-safe. Logs each
 * scripted fault at INFO (they are the demo's story) and normal answers at DEBUG.
 */
public final class ProviderSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProviderSimulator.class);
    /** Pause between two streamed text deltas, so a demo stream is visibly a stream. */
    static final long DELTA_MILLIS = 30;

    private final SimulatedApi api;
    private final String providerId;
    private final String label;
    private final String apiKeyEnv;
    private final boolean keyRequired;
    private final DisposableServer server;
    private final Queue<Fault> script = new ConcurrentLinkedQueue<>();
    private final AtomicReference<@Nullable Fault> outage = new AtomicReference<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();

    private ProviderSimulator(SimulatedApi api, String providerId, String label, String apiKeyEnv, boolean keyRequired) {
        this.api = api;
        this.providerId = providerId;
        this.label = label;
        this.apiKeyEnv = apiKeyEnv;
        this.keyRequired = keyRequired;
        this.server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                // Tracked so that close() also drops kept-alive client connections, freeing the port for real.
                .channelGroup(new DefaultChannelGroup(GlobalEventExecutor.INSTANCE))
                .route(routes -> routes.post(api.path(), this::handle))
                .bindNow(Duration.ofSeconds(10));
    }

    /**
     * Starts a simulator of the API format on a free loopback port.
     *
     * @throws IllegalStateException if no port can be bound
     */
    public static ProviderSimulator start(ApiFormat format) {
        Objects.requireNonNull(format, "format");
        SimulatedApi api = format == ApiFormat.ANTHROPIC ? SimulatedApi.ANTHROPIC : SimulatedApi.OPENAI;
        return new ProviderSimulator(api, api.id(), api.label(), api.apiKeyEnv(), true);
    }

    /**
     * Starts a simulator of an OpenAI-compatible provider (Chat Completions at {@code /v1/chat/completions}) on a
     * free loopback port, e.g. Groq for a fallback chain, or a keyless local server such as Ollama.
     *
     * @param providerId the provider id it stands in for, e.g. {@code groq}
     * @param label the display name, e.g. {@code Groq}
     * @param apiKeyEnv the real provider's key variable, for the canned answer's hint
     * @param keyRequired whether a request without {@code Authorization: Bearer} is refused with 401
     * @throws IllegalStateException if no port can be bound
     */
    public static ProviderSimulator startOpenAiCompatible(String providerId, String label, String apiKeyEnv,
                                                          boolean keyRequired) {
        return new ProviderSimulator(SimulatedApi.OPENAI, Objects.requireNonNull(providerId, "providerId"),
                Objects.requireNonNull(label, "label"), Objects.requireNonNull(apiKeyEnv, "apiKeyEnv"), keyRequired);
    }

    /** The base URL to configure as {@code arcllm.providers.<id>.base-url}, e.g. {@code http://127.0.0.1:41234}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** The provider id this simulator stands in for, e.g. {@code anthropic}, {@code openai} or {@code groq}. */
    public String providerId() {
        return providerId;
    }

    /** The provider's display name, e.g. {@code Anthropic}, {@code OpenAI} or {@code Groq}. */
    public String label() {
        return label;
    }

    /** The environment variable holding the real provider's key, for hints. */
    public String apiKeyEnv() {
        return apiKeyEnv;
    }

    /** Queues faults for the next requests, one fault per request, in order. */
    public void enqueue(Fault... faults) {
        script.addAll(List.of(faults));
    }

    /** Fails every request with {@code fault} (after queued faults are used up) until {@link #recover()}. */
    public void outage(Fault fault) {
        outage.set(Objects.requireNonNull(fault, "fault"));
    }

    /** Ends an outage and drops queued faults: from now on every request is answered normally. */
    public void recover() {
        outage.set(null);
        script.clear();
    }

    /** How many requests reached the endpoint since start. */
    public long requestCount() {
        return requests.get();
    }

    /** Stops the server and frees its port. Idempotent. */
    @Override
    public void close() {
        if (!server.isDisposed()) {
            server.disposeNow(Duration.ofSeconds(5));
        }
    }

    /** The most requests this endpoint was answering at once since the last {@link #resetPeakInFlight()}. */
    public int peakInFlight() {
        return peakInFlight.get();
    }

    /** Starts counting {@link #peakInFlight()} anew from the requests in flight now. */
    public void resetPeakInFlight() {
        peakInFlight.set(inFlight.get());
    }

    private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        return Mono.defer(() -> {
            peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            return request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                    .flatMap(body -> respond(request, response, body));
        }).doFinally(signal -> inFlight.decrementAndGet());
    }

    private Mono<Void> respond(HttpServerRequest request, HttpServerResponse response, String body) {
        long sequence = requests.incrementAndGet();
        if (keyRequired && !api.isAuthenticated(request.requestHeaders())) {
            return send(response, 401, null, api.error(401, "missing authentication header").toString());
        }
        JsonNode json;
        try {
            json = SimulatedApi.MAPPER.readTree(body);
        } catch (JacksonException e) {
            return send(response, 400, null, api.error(400, "request body is not JSON").toString());
        }
        Fault fault = script.poll();
        if (fault == null) {
            fault = outage.get();
        }
        if (fault instanceof Fault.HttpError error) {
            return fail(response, error);
        }
        if (fault instanceof Fault.Garbled) {
            log.info("simulated {}: 200 OK with a body that is not JSON", label);
            return send(response, 200, null, "<html><body>Bad gateway (simulated)</body></html>");
        }
        if (json.path("stream").asBoolean(false)) {
            return stream(response, json, sequence, fault);
        }
        if (fault instanceof Fault.StreamError) {
            return fail(response, new Fault.HttpError(529, null));
        }
        String answer = answer(json, sequence);
        if (fault instanceof Fault.Slow slow) {
            log.info("simulated {}: answering after {} ms", label, slow.delay().toMillis());
            return Mono.delay(slow.delay()).then(send(response, 200, null, answer));
        }
        log.debug("simulated {}: 200 OK", label);
        return send(response, 200, null, answer);
    }

    /** A streamed answer: the text word by word, {@value #DELTA_MILLIS} ms apart, or the scripted stream fault. */
    private Mono<Void> stream(HttpServerResponse response, JsonNode request, long sequence, @Nullable Fault fault) {
        String text = api.cannedText(request);
        int inputTokens = SimulatedApi.tokens(request.path("messages").toString());
        List<String> start = api.streamStart(request, inputTokens, sequence);
        Flux<String> events;
        if (fault instanceof Fault.StreamError) {
            log.info("simulated {}: 200 OK, then an overloaded_error event before the first token", label);
            events = Flux.concat(Flux.fromIterable(start), Flux.just(api.streamError(529, "Overloaded (simulated, ArcLLM demo mode)")));
        } else {
            List<String> words = SimulatedApi.words(text);
            Flux<String> deltas = Flux.fromIterable(words).map(api::streamDelta).delayElements(Duration.ofMillis(DELTA_MILLIS));
            if (fault instanceof Fault.StreamCut cut) {
                log.info("simulated {}: the connection is cut after {} text deltas", label, cut.deltas());
                events = Flux.concat(Flux.fromIterable(start), deltas.take(cut.deltas()),
                        Flux.error(new java.io.IOException("simulated connection cut")));
            } else {
                Mono<Void> wait = fault instanceof Fault.Slow slow ? Mono.delay(slow.delay()).then() : Mono.empty();
                events = wait.thenMany(Flux.concat(Flux.fromIterable(start), deltas,
                        Flux.fromIterable(api.streamEnd(request, inputTokens, SimulatedApi.tokens(text), sequence))));
            }
        }
        log.debug("simulated {}: 200 OK, streaming", label);
        return response.status(200).header("content-type", "text/event-stream")
                .sendString(events, StandardCharsets.UTF_8).then();
    }

    private Mono<Void> fail(HttpServerResponse response, Fault.HttpError error) {
        String retryAfter = error.retryAfter() == null ? null
                : Long.toString(Math.max(0, (error.retryAfter().toMillis() + 999) / 1000));
        log.info("simulated {}: HTTP {}{}", label, error.status(),
                retryAfter == null ? "" : " with Retry-After: " + retryAfter);
        String message = "simulated " + (error.status() == 429 ? "rate limit" : "failure") + " (ArcLLM demo mode)";
        return send(response, error.status(), retryAfter, api.error(error.status(), message).toString());
    }

    private String answer(JsonNode request, long sequence) {
        String text = SimulatedApi.cannedText(request, label, apiKeyEnv);
        int inputTokens = SimulatedApi.tokens(request.path("messages").toString());
        return api.answer(request, text, inputTokens, SimulatedApi.tokens(text), sequence).toString();
    }

    private static Mono<Void> send(HttpServerResponse response, int status, @Nullable String retryAfter, String body) {
        HttpServerResponse shaped = response.status(status)
                .header("content-type", body.startsWith("<") ? "text/html" : "application/json");
        if (retryAfter != null) {
            shaped = shaped.header("retry-after", retryAfter);
        }
        return shaped.sendString(Mono.just(body), StandardCharsets.UTF_8).then();
    }
}
