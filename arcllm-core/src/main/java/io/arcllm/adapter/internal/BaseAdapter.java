package io.arcllm.adapter.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

import io.arcllm.ArcLlmApiException;
import io.arcllm.ArcLlmConfigException;
import io.arcllm.ArcLlmException;
import io.arcllm.ArcLlmParseException;
import io.arcllm.ArcLlmTimeoutException;
import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.LlmStreamEvent;
import io.arcllm.adapter.internal.HttpAnswer;
import io.arcllm.adapter.internal.HttpTransport;
import io.arcllm.adapter.internal.Json;
import io.arcllm.adapter.internal.ResponseShapeException;
import io.arcllm.adapter.internal.RetryAfter;
import io.arcllm.adapter.internal.ShouldRetry;
import io.arcllm.adapter.internal.SseDecoder;
import io.arcllm.adapter.internal.SseEvent;
import io.arcllm.adapter.internal.StreamEventReader;
import io.arcllm.internal.CallDeadline;
import io.arcllm.internal.StreamCommit;
import io.arcllm.config.ApiKey;
import io.arcllm.config.ProviderSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every provider adapter shares: the HTTP exchange, error mapping and lifecycle. A subclass
 * only translates: {@link #requestBody} builds the provider's JSON, {@link #parseResponse} maps its
 * answer to an {@link LlmResponse}, {@link #addHeaders} authenticates.
 *
 * <p>Each adapter owns a connection pool over Reactor Netty (see {@link #close()}); calls never block
 * a thread. Per call:
 * <ul>
 *   <li>the request's {@link LlmRequest#extras() extras} are merged into the body, never replacing a
 *       field the adapter set (a skipped key is logged at DEBUG);</li>
 *   <li>the connect timeout and the read timeout (the whole answer, from subscription to its last
 *       byte, including waiting for a pooled connection) raise {@link io.arcllm.ArcLlmTimeoutException};</li>
 *   <li>under a call deadline (see {@link io.arcllm.module.internal.DeadlineModule}) the read timeout is capped at the time
 *       left; a request's own {@link LlmRequest#timeout()} is that deadline when no module above started one, so it
 *       bounds a call to a bare adapter too (invoke and stream), ending it with the deadline's
 *       {@link io.arcllm.ArcLlmTimeoutException};</li>
 *   <li>an unreachable provider (refused, reset, closed early, TLS, DNS) raises
 *       {@link io.arcllm.ArcLlmTransportException} with the low-level error as cause;</li>
 *   <li>a non-2xx answer raises {@link ArcLlmApiException} with the whole body and the wait from
 *       {@code retry-after-ms} / {@code Retry-After} and the provider's {@code x-should-retry} verdict; redirects are not followed, so a 3xx is such an answer;</li>
 *   <li>a 2xx answer that is not the expected JSON (malformed, HTML, a required field missing or mistyped)
 *       raises {@link ArcLlmParseException} carrying the raw body;</li>
 *   <li>a {@link ProviderResponseListener} in the Reactor context hears each answer's status and headers, once per
 *       HTTP answer; for a stream as soon as the headers arrive, before any event is read;</li>
 *   <li>a body over {@link ProviderSettings#maxResponseBytes()} is never buffered whole: for a 2xx answer it
 *       raises {@link ArcLlmParseException} (message names {@code max-response-size}, empty raw string; the answer
 *       cannot be read and resending is unlikely to help, so it is deliberately not a transport error), for a
 *       non-2xx answer the {@link ArcLlmApiException} keeps its status with a note in place of the body.</li>
 * </ul>
 * The API key is only ever written to the request headers; if a provider echoes it in an answer,
 * it is masked before the answer is parsed, so it reaches neither an exception nor a response.
 */
public abstract class BaseAdapter implements LlmProvider {

    private static final String MASK = "****";

    /** Logger of the concrete adapter class. */
    protected final Logger log = LoggerFactory.getLogger(getClass());

    private final ProviderSettings settings;
    private final String modelName;
    private final @Nullable ApiKey apiKey;
    private final Clock clock;
    private final URI endpoint;
    private final HttpTransport transport;
    /** Per-call objects made once: the header writer and the answer mapper. */
    private final Consumer<HttpHeaders> headerWriter;
    private final byte @Nullable [] keyBytes;
    private final int @Nullable [] keySkip;
    private final Function<HttpAnswer, LlmResponse> responseMapper = this::toResponse;

    /**
     * Creates the adapter and its connection pool.
     *
     * @param webClientBuilder cloned, never mutated
     * @param path the endpoint path below {@link ProviderSettings#baseUrl()}, e.g. {@code /v1/messages}
     * @param apiKey the key to authenticate with; null for a key-optional provider that has none (then no
     *     authentication header is sent)
     * @param clock measures {@code Retry-After} HTTP-dates
     * @throws ArcLlmConfigException if the model name is blank, or the key is null for a provider that requires one
     */
    protected BaseAdapter(ProviderSettings settings, String modelName, WebClient.Builder webClientBuilder,
                          @Nullable ApiKey apiKey, String path, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        if (modelName == null || modelName.isBlank()) {
            throw new ArcLlmConfigException("model for provider '" + settings.id() + "' must not be blank");
        }
        this.modelName = modelName;
        if (apiKey == null && settings.keyRequired()) {
            settings.resolveApiKey(name -> null); // throws the missing-key error naming the property and variable
        }
        this.apiKey = apiKey;
        this.headerWriter = headers -> addHeaders(headers, apiKey);
        // What mask() looks for, as bytes, to tell without decoding whether an answer needs masking.
        this.keyBytes = apiKey == null || apiKey.reveal().length() < 8 ? null
                : apiKey.reveal().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        this.keySkip = keyBytes == null ? null : skipTable(keyBytes);
        this.clock = Objects.requireNonNull(clock, "clock");
        String base = settings.baseUrl().toString();
        this.endpoint = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
        this.transport = new HttpTransport(settings, Objects.requireNonNull(webClientBuilder, "webClientBuilder"));
    }

    /** The provider's request body for {@code request}, before extras are merged. */
    protected abstract ObjectNode requestBody(LlmRequest request);

    /**
     * Maps a 2xx JSON answer. May throw {@link ResponseShapeException} (or any runtime exception) for
     * a malformed answer; it becomes an {@link ArcLlmParseException} carrying the raw body.
     */
    protected abstract LlmResponse parseResponse(JsonNode answer);

    /**
     * Adds authentication and any provider-specific headers.
     *
     * @param apiKey the key; null for a key-optional provider without one, which then sends no authentication
     */
    protected abstract void addHeaders(HttpHeaders headers, @Nullable ApiKey apiKey);

    /**
     * Checks that the provider can honour the request, before anything is sent. By default everything is accepted.
     *
     * @throws ArcLlmConfigException naming the request option the provider cannot honour
     */
    protected void requireSupported(LlmRequest request) {
    }

    /**
     * For a non-2xx answer without {@code Retry-After}: the provider's own header saying when to try again, in
     * {@code Retry-After} form (seconds or an HTTP-date), or null. By default null.
     */
    protected @Nullable String rateLimitReset(int status, HttpHeaders headers) {
        return null;
    }

    /**
     * The body {@code invoke} sends for a request without extras, written straight to JSON bytes, or null (the
     * default) to build it from {@link #requestBody} and {@link #finishBody}. An adapter that overrides it must
     * produce exactly the bytes of that tree.
     */
    protected byte @Nullable [] requestBytes(LlmRequest request) {
        return null;
    }

    /** Adjusts the finished body, extras included, before it is sent; by default nothing changes. */
    protected void finishBody(ObjectNode body) {
    }

    /**
     * Adds what asks the provider to stream to a request body from {@link #requestBody} (e.g. {@code "stream": true}).
     * An adapter that streams overrides it together with {@link #streamReader()}.
     */
    protected void addStreamFields(ObjectNode body) {
    }

    /**
     * A new reader for one stream of this provider's server-sent events. This default fails: an adapter that
     * streams overrides it.
     *
     * @throws UnsupportedOperationException if this adapter does not stream
     */
    protected StreamEventReader streamReader() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not implement streaming");
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException (signalled) if the request cannot be expressed in this
     *     provider's format; ArcLlmConfigException (signalled) if the provider cannot honour one of its options
     *     (e.g. a response format); IllegalStateException (signalled) after {@link #close()}
     */
    @Override
    public final Mono<LlmResponse> invoke(LlmRequest request) {
        Objects.requireNonNull(request, "request");
        Mono<LlmResponse> call = send(request);
        // A request's own timeout bounds the call here when no layer above started its deadline (a bare adapter).
        return request.timeout() == null ? call : CallDeadline.within(call, request.timeout(), null);
    }

    private Mono<LlmResponse> send(LlmRequest request) {
        return Mono.deferContextual(context -> {
            if (transport.isClosed()) {
                return Mono.error(new IllegalStateException(this + " is closed"));
            }
            requireSupported(request);
            byte[] bytes = request.extras().isEmpty() ? requestBytes(request) : null;
            if (bytes == null) {
                ObjectNode body = requestBody(request);
                Json.mergeExtras(body, request.extras(),
                        key -> log.debug("{}: extras.{} ignored, the adapter sets that field", name(), key));
                finishBody(body);
                bytes = Json.MAPPER.writeValueAsBytes(body);
            }
            if (log.isDebugEnabled()) {
                log.debug("{}: model {}, {} messages, {} tools", name(), modelName, request.messages().size(),
                        request.tools().size());
            }
            Mono<HttpAnswer> answer = transport.postJson(endpoint, headerWriter, bytes);
            ProviderResponseListener listener = context.getOrDefault(ProviderResponseListener.CONTEXT_KEY, null);
            if (listener != null) {
                answer = answer.doOnNext(a -> listener.onResponse(name(), a.status(), a.headers()));
            }
            return answer.map(responseMapper);
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>Sends the request with the provider's stream flag and reads the server-sent events as they arrive, each
     * parsed on its own: memory holds one event, not the answer. {@link ProviderSettings#streamFirstEventTimeout()} and
     * {@link ProviderSettings#streamIdleTimeout()} bound the wait for the first event and between events (raising
     * {@link ArcLlmTimeoutException}); the read timeout does not apply. A malformed event raises
     * {@link ArcLlmParseException} naming the provider and the event type, its raw string the event's data.
     *
     * @throws IllegalArgumentException (signalled) if the request cannot be expressed in this provider's format;
     *     IllegalStateException (signalled) after {@link #close()}
     */
    @Override
    public final Flux<LlmStreamEvent> stream(LlmRequest request) {
        Objects.requireNonNull(request, "request");
        Flux<LlmStreamEvent> stream = StreamCommit.guard(name(), Flux.deferContextual(context -> {
            if (transport.isClosed()) {
                return Flux.error(new IllegalStateException(this + " is closed"));
            }
            CallDeadline deadline = CallDeadline.of(context);
            if (deadline != null) {
                deadline.onAttempt(name());
            }
            requireSupported(request);
            StreamEventReader reader = streamReader();
            ObjectNode body = requestBody(request);
            addStreamFields(body);
            Json.mergeExtras(body, request.extras(),
                    key -> log.debug("{}: extras.{} ignored, the adapter sets that field", name(), key));
            finishBody(body);
            log.debug("{}: streaming, model {}, {} messages", name(), modelName, request.messages().size());
            SseDecoder decoder = new SseDecoder(name(), settings.maxResponseBytes());
            boolean[] received = {false};
            ProviderResponseListener listener = context.getOrDefault(ProviderResponseListener.CONTEXT_KEY, null);
            Flux<SseEvent> events = transport.postStream(endpoint, headers -> addHeaders(headers, apiKey),
                            Json.MAPPER.writeValueAsBytes(body), this::apiError, listener)
                    .concatMapIterable(decoder::feed, 2)
                    .doOnNext(event -> received[0] = true)
                    .timeout(Mono.delay(settings.streamFirstEventTimeout()), event -> Mono.delay(settings.streamIdleTimeout()))
                    .onErrorMap(TimeoutException.class, e -> received[0]
                            ? new ArcLlmTimeoutException(name(), "stream idle", settings.streamIdleTimeout(), e)
                            : new ArcLlmTimeoutException(name(), "stream first-event", settings.streamFirstEventTimeout(), e));
            return events.filter(event -> !event.isComment())
                    .concatMapIterable(event -> read(reader, event), 2)
                    .concatWith(Flux.defer(() -> Flux.fromIterable(reader.finish())));
        }));
        return request.timeout() == null ? stream : CallDeadline.within(stream, request.timeout(), null, name());
    }

    private List<LlmStreamEvent> read(StreamEventReader reader, SseEvent event) {
        String data = mask(event.data());
        try {
            return reader.read(data == event.data() ? event : new SseEvent(event.type(), data));
        } catch (ArcLlmException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ArcLlmParseException(name() + " stream event '" + event.type() + "'", data, e);
        }
    }

    private ArcLlmApiException apiError(HttpAnswer answer) {
        Duration retryAfter = RetryAfter.parse(answer.headers().getFirst(RetryAfter.RETRY_AFTER_MS),
                answer.headers().getFirst(HttpHeaders.RETRY_AFTER), clock);
        if (retryAfter == null) {
            retryAfter = RetryAfter.parse(null, rateLimitReset(answer.status(), answer.headers()), clock);
        }
        Boolean shouldRetry = ShouldRetry.parse(answer.headers().getFirst(ShouldRetry.HEADER));
        return new ArcLlmApiException(answer.status(), mask(answer.body()), name(), retryAfter, shouldRetry);
    }

    private LlmResponse toResponse(HttpAnswer answer) {
        if (!answer.isSuccess()) {
            throw apiError(answer);
        }
        byte[] bytes = answer.bytes();
        // Parse the masked text if the key is in it: a parser's error message quotes what it choked on.
        boolean keyInBody = keyBytes != null && indexOf(bytes, keyBytes, keySkip) >= 0;
        try {
            JsonNode json = keyInBody ? Json.MAPPER.readTree(mask(answer.body())) : Json.MAPPER.readTree(bytes);
            if (json == null || !json.isObject()) {
                throw new ResponseShapeException("expected a JSON object");
            }
            return parseResponse(json);
        } catch (ArcLlmParseException e) {
            throw e;
        } catch (RuntimeException e) {
            // JacksonException, ResponseShapeException, or a core type rejecting a value the provider sent.
            throw new ArcLlmParseException(name() + " response", mask(answer.body()), e);
        }
    }

    /**
     * Where {@code key} first occurs in {@code bytes}, or -1: Horspool's search, which compares the byte under the
     * key's last position and otherwise skips ahead by {@code skip} (the key's own table, made once), so an answer
     * is not compared byte by byte.
     */
    static int indexOf(byte[] bytes, byte[] key, int[] skip) {
        int last = key.length - 1;
        byte lastByte = key[last];
        for (int i = 0, end = bytes.length - key.length; i <= end; ) {
            byte b = bytes[i + last];
            if (b == lastByte && java.util.Arrays.equals(bytes, i, i + last, key, 0, last)) {
                return i;
            }
            i += skip[b & 0xff];
        }
        return -1;
    }

    /** Horspool's skip table of {@code key}: for each byte value, how far the search may move when it is under the key's end. */
    static int[] skipTable(byte[] key) {
        int[] skip = new int[256];
        java.util.Arrays.fill(skip, key.length);
        for (int i = 0; i < key.length - 1; i++) {
            skip[key[i] & 0xff] = key.length - 1 - i;
        }
        return skip;
    }

    private String mask(String text) {
        if (apiKey == null) {
            return text;
        }
        String key = apiKey.reveal();
        // A toy key (tests, local servers) is too short to mask without garbling the body.
        return key.length() < 8 ? text : text.replace(key, MASK);
    }

    /** The settings this adapter was created with. */
    protected final ProviderSettings settings() {
        return settings;
    }

    /** The answer's token limit: the request's, else the catalog's max output tokens for the model. */
    protected final int maxTokens(LlmRequest request) {
        return request.maxTokens() != null ? request.maxTokens() : settings.maxTokensFor(modelName);
    }

    /** The provider id from the settings. */
    @Override
    public final String name() {
        return settings.id();
    }

    @Override
    public final String modelName() {
        return modelName;
    }

    /** True while the adapter is open; settings, key and model were validated at construction. */
    @Override
    public boolean validateConfig() {
        return !transport.isClosed();
    }

    /** Releases the connection pool, without blocking. Idempotent; later calls to {@link #invoke} fail. */
    @Override
    public void close() {
        transport.close();
    }

    /** The adapter type, provider id and model; never the key. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "[provider=" + name() + ", model=" + modelName + "]";
    }
}
