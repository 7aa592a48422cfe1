package io.arcllm.adapter.internal;

import java.io.EOFException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.arcllm.ArcLlmApiException;
import io.arcllm.ArcLlmTransportException;
import io.arcllm.LlmStreamEvent;
import io.arcllm.ToolCall;
import io.arcllm.Usage;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads an Anthropic Messages stream ({@code "stream": true}).
 * <ul>
 *   <li>{@code message_start} → start (model) and usage (input tokens, cache reads and writes);</li>
 *   <li>{@code content_block_start/delta/stop}: {@code text_delta} → text, {@code thinking_delta} and
 *       {@code signature_delta} → thinking, a {@code tool_use} block → tool call started, its
 *       {@code input_json_delta}s → argument fragments, its stop → tool call completed with the arguments parsed;
 *       other block and delta types ({@code redacted_thinking}, citations, server tools) are skipped, as
 *       {@link AnthropicResponseReader} skips them;</li>
 *   <li>{@code message_delta} → usage (output tokens so far) and the stop reason, mapped as for whole answers;</li>
 *   <li>{@code message_stop} → stop; {@code ping} and unknown event types are ignored;</li>
 *   <li>{@code error} → {@link ArcLlmApiException} with the HTTP status Anthropic uses for that error type
 *       ({@code overloaded_error} 529, {@code rate_limit_error} 429, {@code api_error} 500, ...), so modules treat it
 *       as they would the same error answered before the stream.</li>
 * </ul>
 */
final class AnthropicStreamReader implements StreamEventReader {

    private final String provider;
    private final String requestedModel;
    private final Map<Integer, ToolBlock> tools = new HashMap<>();
    private int toolCount;
    private @Nullable Usage usage;
    private @Nullable String stopReason;
    private boolean stopped;

    private static final class ToolBlock {
        final int index;
        final String id;
        final String name;
        final StringBuilder json = new StringBuilder();

        ToolBlock(int index, String id, String name) {
            this.index = index;
            this.id = id;
            this.name = name;
        }
    }

    /** @param requestedModel the model when {@code message_start} names none */
    public AnthropicStreamReader(String provider, String requestedModel) {
        this.provider = provider;
        this.requestedModel = requestedModel;
    }

    @Override
    public List<LlmStreamEvent> read(SseEvent event) {
        JsonNode json = Json.MAPPER.readTree(event.data());
        if (json == null || !json.isObject()) {
            throw new ResponseShapeException("expected a JSON object");
        }
        String type = Json.optionalString(json, "type");
        if (type == null) {
            type = event.type();
        }
        return switch (type) {
            case "message_start" -> messageStart(Json.requiredObject(json, "message", "message"));
            case "content_block_start" -> blockStart(index(json), Json.requiredObject(json, "content_block", "content_block"));
            case "content_block_delta" -> blockDelta(index(json), Json.requiredObject(json, "delta", "delta"));
            case "content_block_stop" -> blockStop(index(json));
            case "message_delta" -> messageDelta(json);
            case "message_stop" -> messageStop();
            case "error" -> throw error(json, event.data());
            default -> List.of(); // ping, and event types added after this adapter was written
        };
    }

    private List<LlmStreamEvent> messageStart(JsonNode message) {
        String model = Json.optionalString(message, "model");
        usage = AnthropicResponseReader.usage(Json.requiredObject(message, "usage", "message.usage"), null);
        return List.of(new LlmStreamEvent.Start(model == null ? requestedModel : model), new LlmStreamEvent.UsageReported(usage));
    }

    private List<LlmStreamEvent> blockStart(int index, JsonNode block) {
        String type = Json.optionalString(block, "type");
        if ("tool_use".equals(type)) {
            ToolBlock tool = new ToolBlock(toolCount++, Json.requiredString(block, "id", "content_block.id"),
                    Json.requiredString(block, "name", "content_block.name"));
            tools.put(index, tool);
            return List.of(new LlmStreamEvent.ToolCallStarted(tool.index, tool.id, tool.name));
        }
        if ("text".equals(type)) {
            String text = Json.optionalString(block, "text");
            return text == null || text.isEmpty() ? List.of() : List.of(new LlmStreamEvent.TextDelta(text));
        }
        if ("thinking".equals(type)) {
            String thinking = Json.optionalString(block, "thinking");
            return thinking == null || thinking.isEmpty() ? List.of() : List.of(new LlmStreamEvent.ThinkingDelta(thinking, null));
        }
        return List.of();
    }

    private List<LlmStreamEvent> blockDelta(int index, JsonNode delta) {
        String type = Json.requiredString(delta, "type", "delta.type");
        return switch (type) {
            case "text_delta" -> List.of(new LlmStreamEvent.TextDelta(Json.requiredString(delta, "text", "delta.text")));
            case "thinking_delta" -> List.of(new LlmStreamEvent.ThinkingDelta(
                    Json.requiredString(delta, "thinking", "delta.thinking"), null));
            case "signature_delta" -> List.of(new LlmStreamEvent.ThinkingDelta("",
                    Json.requiredString(delta, "signature", "delta.signature")));
            case "input_json_delta" -> {
                ToolBlock tool = tools.get(index);
                if (tool == null) {
                    yield List.of(); // arguments of a block that is not a client tool call (server tools)
                }
                String fragment = Json.requiredString(delta, "partial_json", "delta.partial_json");
                tool.json.append(fragment);
                yield fragment.isEmpty() ? List.of() : List.of(new LlmStreamEvent.ToolCallArgumentsDelta(tool.index, fragment));
            }
            default -> List.of();
        };
    }

    private List<LlmStreamEvent> blockStop(int index) {
        ToolBlock tool = tools.remove(index);
        if (tool == null) {
            return List.of();
        }
        return List.of(new LlmStreamEvent.ToolCallCompleted(tool.index,
                new ToolCall(tool.id, tool.name, ToolArguments.parse(tool.json.toString(), provider))));
    }

    private List<LlmStreamEvent> messageDelta(JsonNode json) {
        JsonNode delta = json.get("delta");
        String reason = delta == null ? null : Json.optionalString(delta, "stop_reason");
        if (reason != null) {
            stopReason = reason;
        }
        JsonNode reported = json.get("usage");
        if (reported == null || !reported.isObject()) {
            return List.of();
        }
        usage = AnthropicResponseReader.usage(reported, usage != null ? usage : Usage.empty());
        return List.of(new LlmStreamEvent.UsageReported(usage));
    }

    private List<LlmStreamEvent> messageStop() {
        if (stopReason == null) {
            throw new ResponseShapeException("message_stop before a message_delta with stop_reason");
        }
        stopped = true;
        List<LlmStreamEvent> events = new ArrayList<>(1);
        events.add(new LlmStreamEvent.Stop(AnthropicResponseReader.stopReason(stopReason)));
        return events;
    }

    private ArcLlmApiException error(JsonNode json, String raw) {
        JsonNode error = json.get("error");
        String type = error == null ? null : Json.optionalString(error, "type");
        return new ArcLlmApiException(statusOf(type), raw, provider, null);
    }

    /** The HTTP status Anthropic answers with for an error type. */
    static int statusOf(@Nullable String errorType) {
        return switch (errorType == null ? "" : errorType) {
            case "invalid_request_error" -> 400;
            case "authentication_error" -> 401;
            case "billing_error" -> 402;
            case "permission_error" -> 403;
            case "not_found_error" -> 404;
            case "request_too_large" -> 413;
            case "rate_limit_error" -> 429;
            case "timeout_error" -> 504;
            case "overloaded_error" -> 529;
            default -> 500;
        };
    }

    private static int index(JsonNode json) {
        JsonNode index = Json.required(json, "index", "index");
        if (!index.isIntegralNumber() || !index.canConvertToInt()) {
            throw new ResponseShapeException("index must be an integer, was " + index);
        }
        return index.intValue();
    }

    @Override
    public List<LlmStreamEvent> finish() {
        if (!stopped) {
            throw new ArcLlmTransportException(provider, new EOFException("the stream ended before message_stop"));
        }
        return List.of();
    }
}
