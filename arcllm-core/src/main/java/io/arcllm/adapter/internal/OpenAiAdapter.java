package io.arcllm.adapter.internal;

import java.time.Clock;

import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.adapter.internal.OpenAiRequestWriter;
import io.arcllm.adapter.internal.OpenAiResponseReader;
import io.arcllm.adapter.internal.OpenAiStreamReader;
import io.arcllm.adapter.internal.StreamEventReader;
import io.arcllm.config.ApiKey;
import io.arcllm.config.ProviderSettings;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI Chat Completions, also spoken by many compatible servers: {@code POST {baseUrl}/v1/chat/completions}
 * with {@code Authorization: Bearer <key>} (no {@code Authorization} header for a key-optional provider without
 * a key, such as a local Ollama or vLLM). How a compatible server differs from OpenAI is its
 * {@link OpenAiDialect}, chosen by {@link ProviderSettings#dialect()}.
 *
 * <p>Requests: roles map one to one; images are sent as {@code data:} URL content parts; assistant tool
 * uses as {@code tool_calls} with JSON-string arguments; each tool result as its own {@code tool}
 * message; the token limit as {@code max_completion_tokens} (the request's, else the model's max
 * output tokens from the catalog). Answers: {@code choices[0].message}, tool-call arguments parsed
 * into maps (invalid JSON raises {@link io.arcllm.ArcLlmParseException} whose raw string is the
 * arguments), {@code finish_reason} mapped. Usage: {@code inputTokens} excludes cached prompt tokens,
 * which are reported as {@code cacheReadTokens}, so cost is computed the same way as for Anthropic.
 * Streams ({@link #stream}) are read event by event as server-sent events
 * ({@code io.arcllm.adapter.internal.OpenAiStreamReader}).
 * The mapping details are in {@link OpenAiRequestWriter} and {@link OpenAiResponseReader}; errors,
 * timeouts and limits in {@link BaseAdapter}.
 */
public class OpenAiAdapter extends BaseAdapter {

    private final OpenAiDialect dialect;

    /**
     * Creates the adapter and its connection pool; close it when done.
     *
     * @param modelName the model to call, e.g. {@code gpt-4o}
     * @param webClientBuilder cloned, never mutated
     * @param apiKey null only for a key-optional provider without a key
     * @throws io.arcllm.ArcLlmConfigException if the model name is blank, the dialect unknown, or the key missing
     *     for a provider that requires one
     */
    public OpenAiAdapter(ProviderSettings settings, String modelName, WebClient.Builder webClientBuilder,
                         @Nullable ApiKey apiKey) {
        this(settings, modelName, webClientBuilder, apiKey, Clock.systemUTC());
    }

    /** As the public constructor, with the clock that {@code Retry-After} dates are measured against. */
    OpenAiAdapter(ProviderSettings settings, String modelName, WebClient.Builder webClientBuilder,
                  @Nullable ApiKey apiKey, Clock clock) {
        super(settings, modelName, webClientBuilder, apiKey, "/v1/chat/completions", clock);
        this.dialect = OpenAiDialect.of(settings);
    }

    /** The dialect this adapter speaks. */
    public OpenAiDialect dialect() {
        return dialect;
    }

    @Override
    protected void requireSupported(LlmRequest request) {
        dialect.requireSupported(request, name());
    }

    @Override
    protected ObjectNode requestBody(LlmRequest request) {
        return OpenAiRequestWriter.write(request, modelName(), maxTokens(request), dialect);
    }

    @Override
    protected void finishBody(ObjectNode body) {
        dialect.removeUnsupported(body, field -> log.debug("{}: extras.{} left out, the {} dialect does not accept it",
                name(), field, dialect.name()));
    }

    @Override
    protected @Nullable String rateLimitReset(int status, HttpHeaders headers) {
        return dialect.rateLimitReset(status, headers::getFirst);
    }

    @Override
    protected LlmResponse parseResponse(JsonNode answer) {
        return OpenAiResponseReader.read(answer, name(), modelName(), dialect);
    }

    /** {@code "stream": true} and {@code "stream_options": {"include_usage": true}}. */
    @Override
    protected void addStreamFields(ObjectNode body) {
        body.put("stream", true);
        // Without it the stream reports no usage; with it a last chunk with empty choices carries the usage.
        body.putObject("stream_options").put("include_usage", true);
    }

    @Override
    protected StreamEventReader streamReader() {
        return new OpenAiStreamReader(name(), modelName(), dialect);
    }

    @Override
    protected void addHeaders(HttpHeaders headers, @Nullable ApiKey apiKey) {
        if (apiKey != null) {
            headers.setBearerAuth(apiKey.reveal());
        }
    }
}
