package io.arcllm.test.wire;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.arcllm.config.ApiFormat;
import tools.jackson.databind.node.ObjectNode;

/**
 * A provider's answers as its real API writes them: the JSON of a text answer, a tool call, an error, their
 * server-sent-event streams, and the
 * headers of a rate limit. One source of provider JSON for stubs, simulators and fixtures; it uses no WireMock
 * type, so code that only writes answers (a demo simulator, for instance) needs just this package and Jackson.
 *
 * <p>Every body parses with the provider's official SDK models ({@code anthropic-java}'s {@code Message} and
 * error types, {@code openai-java}'s {@code ChatCompletion} and {@code ErrorObject}) and with ArcLLM's adapters;
 * every streamed event with {@code RawMessageStreamEvent} / {@code ChatCompletionChunk}.
 * Implementations are immutable and thread-safe.
 */
public sealed interface ProviderWire permits AnthropicWire, OpenAiWire {

    /** The writer of an API format: {@link ApiFormat#ANTHROPIC} Messages or {@link ApiFormat#OPENAI} Chat Completions. */
    static ProviderWire of(ApiFormat format) {
        Objects.requireNonNull(format, "format");
        return format == ApiFormat.ANTHROPIC ? AnthropicWire.INSTANCE : OpenAiWire.INSTANCE;
    }

    /** The API format this writer speaks. */
    ApiFormat format();

    /** The endpoint path below the base URL: {@code /v1/messages} or {@code /v1/chat/completions}. */
    String path();

    /**
     * A finished text answer.
     *
     * @param id the answer's id, e.g. {@code msg_01} / {@code chatcmpl-01}
     * @param model the model the answer names (providers echo the requested one)
     */
    ObjectNode textAnswer(String id, String model, String text, int inputTokens, int outputTokens);

    /**
     * An answer that calls one tool, with the stop reason that asks the caller to run it.
     *
     * @param callId the tool call's id, which the caller's tool result must name
     * @param arguments the call's arguments, a JSON object
     */
    ObjectNode toolCallAnswer(String id, String model, String callId, String toolName, Map<String, Object> arguments,
                              int inputTokens, int outputTokens);

    /**
     * The error body the API sends with an HTTP status, with the error type it uses for that status.
     *
     * @param message the human-readable message
     */
    ObjectNode error(int status, String message);

    /**
     * A streamed text answer, as the body of a {@code text/event-stream} answer to a request with
     * {@code "stream": true}: Anthropic's {@code message_start}, {@code content_block_start}, {@code ping}, one
     * {@code content_block_delta} per delta, {@code content_block_stop}, {@code message_delta} (stop reason
     * {@code end_turn}, usage) and {@code message_stop}; OpenAI's {@code chat.completion.chunk}s (the role, one per
     * delta, {@code finish_reason} {@code stop}, the usage chunk of {@code stream_options.include_usage}), then
     * {@code data: [DONE]}.
     *
     * @param deltas the text, in the pieces the model sends it
     */
    String textStream(String id, String model, List<String> deltas, int inputTokens, int outputTokens);

    /**
     * The beginning of a streamed text answer that breaks off after {@code deltas}: the events of
     * {@link #textStream} up to the last delta, without the stop reason, usage and end of the stream.
     */
    String interruptedTextStream(String id, String model, List<String> deltas, int inputTokens);

    /**
     * A streamed answer that calls one tool: its start (id and name), its arguments' JSON in two fragments, and
     * the stop reason that asks the caller to run it ({@code tool_use} / {@code tool_calls}), with usage.
     */
    String toolCallStream(String id, String model, String callId, String toolName, Map<String, Object> arguments,
                          int inputTokens, int outputTokens);

    /** The status the API answers when it is overloaded: 529 for Anthropic, 503 for OpenAI. */
    int overloadedStatus();

    /**
     * The headers a rate-limited answer carries to say when to come back: {@code retry-after} in whole seconds
     * (rounded up) for both, plus {@code retry-after-ms} for OpenAI.
     *
     * @throws IllegalArgumentException if {@code wait} is negative
     */
    Map<String, String> retryAfterHeaders(Duration wait);

    /** The headers' value of {@code retry-after}: whole seconds, rounded up. */
    static String retryAfterSeconds(Duration wait) {
        if (wait.isNegative()) {
            throw new IllegalArgumentException("retry-after must be >= 0, was " + wait);
        }
        long millis = wait.toMillis();
        return Long.toString((millis + 999) / 1000);
    }
}
