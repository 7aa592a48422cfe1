package io.arcllm.adapter.internal;

import java.time.Clock;

import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.adapter.internal.AnthropicRequestWriter;
import io.arcllm.adapter.internal.AnthropicResponseReader;
import io.arcllm.adapter.internal.AnthropicStreamReader;
import io.arcllm.adapter.internal.StreamEventReader;
import io.arcllm.config.ApiKey;
import io.arcllm.config.ProviderSettings;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Anthropic Messages API: {@code POST {baseUrl}/v1/messages} with {@code x-api-key} and
 * {@code anthropic-version: 2023-06-01}.
 *
 * <p>Requests: system messages are lifted to the top-level {@code system}; tool results are sent as
 * a user turn of {@code tool_result} blocks; consecutive turns of one role are merged;
 * {@code max_tokens} is always sent (the request's, else the model's max output tokens from the catalog).
 * Answers: text blocks joined into the content, {@code thinking} blocks into the thinking,
 * {@code tool_use} blocks into tool calls, other blocks ignored; {@code refusal} maps to
 * {@link io.arcllm.StopReason#CONTENT_FILTER} and {@code pause_turn} to
 * {@link io.arcllm.StopReason#END_TURN}; usage counts cache reads and writes apart from the input tokens.
 * Streams ({@link #stream}) are read event by event as server-sent events
 * ({@code io.arcllm.adapter.internal.AnthropicStreamReader}).
 * The mapping details are in {@link AnthropicRequestWriter} and {@link AnthropicResponseReader}; errors,
 * timeouts and limits in {@link BaseAdapter}.
 */
public class AnthropicAdapter extends BaseAdapter {

    /** The API version this adapter speaks. */
    public static final String API_VERSION = "2023-06-01";

    /**
     * Creates the adapter and its connection pool; close it when done.
     *
     * @param modelName the model to call, e.g. {@code claude-sonnet-4-20250514}
     * @param webClientBuilder cloned, never mutated
     * @throws io.arcllm.ArcLlmConfigException if the model name is blank
     */
    public AnthropicAdapter(ProviderSettings settings, String modelName, WebClient.Builder webClientBuilder,
                            @Nullable ApiKey apiKey) {
        this(settings, modelName, webClientBuilder, apiKey, Clock.systemUTC());
    }

    /** As the public constructor, with the clock that {@code Retry-After} dates are measured against. */
    AnthropicAdapter(ProviderSettings settings, String modelName, WebClient.Builder webClientBuilder,
                     @Nullable ApiKey apiKey, Clock clock) {
        super(settings, modelName, webClientBuilder, apiKey, "/v1/messages", clock);
    }

    @Override
    protected ObjectNode requestBody(LlmRequest request) {
        return AnthropicRequestWriter.write(request, modelName(), maxTokens(request));
    }

    /** The same body as {@link #requestBody}, written straight to bytes ({@link AnthropicRequestBytes}). */
    @Override
    protected byte[] requestBytes(LlmRequest request) {
        return AnthropicRequestBytes.write(request, modelName(), maxTokens(request));
    }

    @Override
    protected LlmResponse parseResponse(JsonNode answer) {
        return AnthropicResponseReader.read(answer, modelName());
    }

    /** {@code "stream": true}. */
    @Override
    protected void addStreamFields(ObjectNode body) {
        body.put("stream", true);
    }

    @Override
    protected StreamEventReader streamReader() {
        return new AnthropicStreamReader(name(), modelName());
    }

    @Override
    protected void addHeaders(HttpHeaders headers, @Nullable ApiKey apiKey) {
        if (apiKey != null) {
            headers.set("x-api-key", apiKey.reveal());
        }
        headers.set("anthropic-version", API_VERSION);
    }
}
