package io.arcllm.test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.arcllm.test.internal.Reply;

/**
 * The replies a stub can be scripted with, in the application's terms. Every body is written in the provider's
 * real wire format (see {@link io.arcllm.test.wire.ProviderWire}). On a {@link ProviderStub} each method starts a
 * new script; after {@link Script#then()} it adds the next step. The last step repeats for every later request.
 *
 * <p>Answers follow the request: a request with {@code "stream": true} ({@code LlmProvider.stream}) gets
 * server-sent events in the provider's stream format ({@link #answers} as one text delta, {@link #streams} as
 * the deltas given, {@link #answersWithToolCall} as a streamed tool call), any other request the whole JSON
 * answer. Failures ({@link #failsWith}, {@link #isOverloaded}, ...) are whole HTTP answers for both, as the real
 * APIs send them before a stream starts: retry and fallback see them just as for {@code invoke}.
 *
 * @param <T> what a step returns: the {@link Script}, to go on with {@link Script#then()}
 */
public abstract sealed class Replies<T> permits ProviderStub, Script.Then {

    Replies() {
    }

    /** Adds (or starts the script with) one reply. */
    abstract T add(Reply reply);

    /** Answers {@code text}, with stop reason "end turn". */
    public T answers(String text) {
        return add(new Reply.Text(text));
    }

    /**
     * Answers the text {@code deltas} joined; a streamed request gets them as one text delta each, then the stop
     * reason "end turn" and the usage. {@code stub.streams("Hel", "lo")}: a stream of {@code "Hel"}, {@code "lo"}
     * that collects to {@code "Hello"}; a whole request gets {@code "Hello"}.
     *
     * @throws IllegalArgumentException if no delta is given
     */
    public T streams(String... deltas) {
        return add(new Reply.Streamed(List.of(deltas), false));
    }

    /**
     * Starts a streamed answer and breaks it off: the stream sends the text {@code deltas}, then ends without a
     * stop reason, as when the connection drops mid-answer. After at least one delta the caller gets
     * {@link io.arcllm.ArcLlmStreamInterruptedException} with the deltas as its partial response (content was
     * delivered, so nothing retries); with none, a transport error that retry and fallback may act on. A whole
     * request gets a reset connection.
     */
    public T streamsThenBreaks(String... deltas) {
        return add(new Reply.Streamed(List.of(deltas), true));
    }

    /**
     * Answers with a call of the tool {@code name}, with stop reason "tool use". Its id is {@code toolu_stub_<n>}
     * (Anthropic) or {@code call_stub_<n>} (OpenAI).
     *
     * @param arguments the call's arguments, as the model would send them (a JSON object)
     */
    public T answersWithToolCall(String name, Map<String, Object> arguments) {
        return add(new Reply.ToolCall(name, Objects.requireNonNull(arguments, "arguments")));
    }

    /**
     * Fails with an HTTP status and the provider's error body for it (e.g. {@code rate_limit_error} for a 429).
     *
     * @throws IllegalArgumentException if the status is not 4xx or 5xx
     */
    public T failsWith(int status) {
        return add(new Reply.Status(status, null));
    }

    /**
     * Fails as {@link #failsWith(int)}, telling the client when to come back: {@code retry-after} in whole
     * seconds (rounded up), and for OpenAI also {@code retry-after-ms}, as the real APIs send them.
     *
     * @throws IllegalArgumentException if the status is not 4xx or 5xx, or the wait is negative
     */
    public T failsWith(int status, Duration retryAfter) {
        return add(new Reply.Status(status, Objects.requireNonNull(retryAfter, "retryAfter")));
    }

    /** Fails as the provider does when overloaded: 529 {@code overloaded_error} (Anthropic), 503 (OpenAI). */
    public T isOverloaded() {
        return add(new Reply.Overloaded());
    }

    /** Reads the request, then resets the connection: the client sees a transport error. */
    public T resetsConnection() {
        return add(new Reply.Reset());
    }

    /**
     * Reads the request and sends nothing back (for ten minutes): the client's read timeout
     * ({@code arcllm.providers.<id>.read-timeout}) decides what happens. Set a short one in such a test.
     */
    public T hangs() {
        return add(new Reply.Hang());
    }

    /**
     * Answers {@code text} only after {@code delay}: a slow provider. With a delay longer than the client's read
     * timeout ({@code arcllm.providers.<id>.read-timeout}) the call times out; the stub waits without holding a
     * thread.
     *
     * @throws IllegalArgumentException if the delay is negative
     */
    public T answersAfter(Duration delay, String text) {
        return add(new Reply.Slow(Objects.requireNonNull(delay, "delay"), text));
    }

    /**
     * Fails as the provider does when it gave up on the request itself: 504 with its timeout error
     * ({@code timeout_error} for Anthropic). Not retryable under the default retryable statuses.
     */
    public T timesOut() {
        return add(new Reply.Status(504, null));
    }
}
