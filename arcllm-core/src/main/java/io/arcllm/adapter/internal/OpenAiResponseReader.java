package io.arcllm.adapter.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.arcllm.ArcLlmParseException;
import io.arcllm.LlmResponse;
import io.arcllm.StopReason;
import io.arcllm.ToolCall;
import io.arcllm.Usage;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads an OpenAI Chat Completions answer: {@code choices[0].message}.
 * <ul>
 *   <li>{@code content} is the content; a {@code refusal} (content withheld by policy) becomes the
 *       content when there is none, with {@link StopReason#CONTENT_FILTER}.</li>
 *   <li>{@code tool_calls} of type {@code function} become tool calls, their JSON-string {@code arguments}
 *       parsed into a map (an empty string means no arguments); other types are ignored.</li>
 *   <li>{@code finish_reason}: the dialect's own values first (Mistral's {@code model_length} → MAX_TOKENS), then
 *       {@code tool_calls}/{@code function_call} → TOOL_USE, {@code length} → MAX_TOKENS,
 *       {@code content_filter} → CONTENT_FILTER; {@code stop}, absent or unknown → TOOL_USE when the message has
 *       tool calls (some compatible servers say {@code stop} there), else END_TURN. OpenAI reports a matched stop
 *       sequence as {@code stop}, so STOP_SEQUENCE never occurs.</li>
 *   <li>The dialect's reasoning field ({@code reasoning_content} for DeepSeek) becomes the thinking text.</li>
 *   <li>Tool-call {@code arguments} that arrive as a JSON object rather than a string (Ollama, some vLLM
 *       parsers) are accepted as they are.</li>
 *   <li>Usage: {@code inputTokens = prompt_tokens - prompt_tokens_details.cached_tokens}, so that, as for
 *       Anthropic, it counts only tokens billed at the normal input price; the cached tokens are
 *       {@code cacheReadTokens}. {@code reasoningTokens} is {@code completion_tokens_details.reasoning_tokens}
 *       (already part of {@code outputTokens}). DeepSeek's {@code prompt_cache_hit_tokens} count as cached tokens
 *       when {@code prompt_tokens_details} is absent. OpenAI reports no cache writes ({@code cacheWriteTokens} is null).
 *       The total is {@code total_tokens}, or the sum when absent.</li>
 * </ul>
 * Required: a non-empty {@code choices} with a {@code message}, {@code usage.prompt_tokens},
 * {@code usage.completion_tokens}.
 */
public final class OpenAiResponseReader {

    private OpenAiResponseReader() {
    }

    /**
     * @param provider the provider id, for error messages
     * @throws ResponseShapeException if a required field is missing or has the wrong type
     * @throws ArcLlmParseException if tool-call arguments are not a JSON object; its raw string is the arguments
     */
    public static LlmResponse read(JsonNode answer, String provider, String requestedModel) {
        return read(answer, provider, requestedModel, OpenAiDialect.OPENAI);
    }

    /** As {@link #read(JsonNode, String, String)}, in {@code dialect}. */
    public static LlmResponse read(JsonNode answer, String provider, String requestedModel, OpenAiDialect dialect) {
        var choices = Json.requiredArray(answer, "choices", "choices");
        if (choices.isEmpty()) {
            throw new ResponseShapeException("choices is empty");
        }
        JsonNode message = Json.requiredObject(choices.get(0), "message", "choices[0].message");
        List<ToolCall> toolCalls = toolCalls(message, provider);
        String content = Json.optionalString(message, "content");
        String refusal = Json.optionalString(message, "refusal");
        StopReason stopReason = refusal != null ? StopReason.CONTENT_FILTER
                : dialect.stopReason(Json.optionalString(choices.get(0), "finish_reason"), !toolCalls.isEmpty());
        String model = Json.optionalString(answer, "model");
        return new LlmResponse(content != null ? content : refusal, toolCalls, usage(answer),
                model == null ? requestedModel : model, stopReason, dialect.reasoning(message), answer);
    }

    private static List<ToolCall> toolCalls(JsonNode message, String provider) {
        JsonNode calls = message.get("tool_calls");
        if (calls == null || calls.isNull()) {
            return List.of();
        }
        if (!calls.isArray()) {
            throw new ResponseShapeException("choices[0].message.tool_calls must be an array, was " + calls.getNodeType());
        }
        List<ToolCall> toolCalls = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            JsonNode call = calls.get(i);
            String path = "choices[0].message.tool_calls[" + i + "]";
            String type = Json.optionalString(call, "type");
            if (type != null && !type.equals("function")) {
                continue;
            }
            JsonNode function = Json.requiredObject(call, "function", path + ".function");
            toolCalls.add(new ToolCall(Json.requiredString(call, "id", path + ".id"),
                    Json.requiredString(function, "name", path + ".function.name"),
                    arguments(Json.required(function, "arguments", path + ".function.arguments"), provider)));
        }
        return toolCalls;
    }

    private static Map<String, Object> arguments(JsonNode arguments, String provider) {
        if (arguments.isObject()) {
            return Json.toMap(arguments); // some compatible servers send an object rather than a string
        }
        String raw = arguments.isString() ? arguments.stringValue() : arguments.toString();
        if (raw.isBlank()) {
            return Map.of();
        }
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readTree(raw);
        } catch (JacksonException e) {
            throw new ArcLlmParseException(provider + " tool call arguments", raw, e);
        }
        if (parsed == null || !parsed.isObject()) {
            throw new ArcLlmParseException(provider + " tool call arguments (expected a JSON object)", raw, null);
        }
        return Json.toMap(parsed);
    }

    /** The usage of an answer, or of a stream's last chunk ({@code stream_options.include_usage}). */
    static Usage usage(JsonNode answer) {
        JsonNode usage = Json.requiredObject(answer, "usage", "usage");
        int prompt = Json.requiredCount(usage, "prompt_tokens", "usage.prompt_tokens");
        int output = Json.requiredCount(usage, "completion_tokens", "usage.completion_tokens");
        Integer cached = Json.optionalCount(usage.get("prompt_tokens_details"), "cached_tokens",
                "usage.prompt_tokens_details.cached_tokens");
        if (cached == null) {
            // DeepSeek reports its context-cache hits on their own.
            cached = Json.optionalCount(usage, "prompt_cache_hit_tokens", "usage.prompt_cache_hit_tokens");
        }
        Integer reasoning = Json.optionalCount(usage.get("completion_tokens_details"), "reasoning_tokens",
                "usage.completion_tokens_details.reasoning_tokens");
        Integer total = Json.optionalCount(usage, "total_tokens", "usage.total_tokens");
        int input = Math.max(0, prompt - (cached == null ? 0 : cached));
        return new Usage(input, output, total != null ? total : prompt + output, cached, null, reasoning);
    }
}
