package io.arcllm;

import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One LLM behind one small interface. Adapters implement it for a provider's HTTP API;
 * modules implement it by wrapping another {@code LlmProvider}, so calling code never
 * changes when modules are switched on.
 *
 * <p>Implementations are thread-safe and non-blocking: {@link #invoke(LlmRequest)} returns a
 * cold {@link Mono}; nothing is sent until it is subscribed, and every subscription is a new
 * call.
 */
public interface LlmProvider extends AutoCloseable {

    /** The provider id, e.g. {@code "anthropic"}, {@code "openai"} or a configured id. */
    String name();

    /** The model this provider sends requests to, e.g. {@code "claude-sonnet-4-20250514"}. */
    String modelName();

    /**
     * Sends one request.
     *
     * @return a cold {@code Mono} of the normalized response; it errors with an
     *     {@link ArcLlmException} subtype: {@link ArcLlmApiException} for a non-2xx answer,
     *     {@link ArcLlmTransportException} (or {@link ArcLlmTimeoutException}) when the provider
     *     could not be reached in time, {@link ArcLlmParseException} for an unreadable answer,
     *     {@link ArcLlmValidationException} for a request the provider cannot take; modules add
     *     {@link ArcLlmRateLimitException} and {@link ArcLlmCircuitOpenException}. Never null.
     * @throws NullPointerException if {@code request} is null (some implementations signal it in the {@code Mono})
     */
    Mono<LlmResponse> invoke(LlmRequest request);

    /** Sends the messages with default options. See {@link #invoke(LlmRequest)}. */
    default Mono<LlmResponse> invoke(List<Message> messages) {
        return invoke(LlmRequest.of(messages));
    }

    /** Sends the messages and offers the tools, with default options. See {@link #invoke(LlmRequest)}. */
    default Mono<LlmResponse> invoke(List<Message> messages, List<Tool> tools) {
        return invoke(LlmRequest.builder().messages(messages).tools(tools).build());
    }

    /**
     * Sends one request and streams the answer as it is produced: see {@link LlmStreamEvent} for the events and
     * their order, {@link LlmStreamCollector} to turn them into the {@link LlmResponse} that {@link #invoke} gives.
     * The {@code Flux} is cold (every subscription is a new call), honours backpressure without buffering the
     * answer, and cancelling it closes the connection.
     *
     * <p>Errors: before the first content event ({@link LlmStreamEvent#isContent()}), the errors of
     * {@link #invoke(LlmRequest)}, including an {@link ArcLlmApiException} for an error event that a provider sends
     * in place of the answer (Anthropic's {@code overloaded_error} has status 529), and an
     * {@link ArcLlmTimeoutException} when the first event or the next one takes too long; modules retry and fall
     * back on these exactly as for {@code invoke}. After it, every failure ends the stream with an
     * {@link ArcLlmStreamInterruptedException} holding the partial response and the cause; it is never retried.
     * The call's deadline ({@link LlmRequest#timeout()}, {@code arcllm.defaults.timeout}) bounds the whole stream:
     * when it passes before the first content event the stream ends with the deadline's {@link ArcLlmTimeoutException}
     * ({@link ArcLlmTimeoutException#isDeadline()}); after it, with an {@link ArcLlmStreamInterruptedException} whose
     * cause is that exception, the events delivered staying delivered.
     *
     * <p>The provider adapters stream over server-sent events. This default, for providers that can only answer
     * whole, calls {@link #invoke(LlmRequest)} and emits the response's events at once ({@link LlmStreamEvent#of}).
     */
    default Flux<LlmStreamEvent> stream(LlmRequest request) {
        return invoke(request).flatMapIterable(LlmStreamEvent::of);
    }

    /**
     * Blocking convenience for code that is not reactive. Never call it on an event-loop thread.
     *
     * @throws RuntimeException the very instance {@link #invoke(LlmRequest)} signals (an {@link ArcLlmException}
     *     subtype), unchanged: nothing is added to its suppressed exceptions or stack trace
     * @throws ArcLlmTransportException if the thread is interrupted while waiting (the call is cancelled and
     *     the interrupt flag kept)
     */
    default LlmResponse call(LlmRequest request) {
        return Blocking.await(invoke(request), name());
    }

    /** Whether this provider's configuration is usable; modules delegate to the provider they wrap. */
    default boolean validateConfig() {
        return true;
    }

    /** Releases what this provider holds (connection pools). Idempotent; never throws. */
    @Override
    default void close() {
    }
}
