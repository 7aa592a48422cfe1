package io.arcllm.test.wire;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.arcllm.config.ApiFormat;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Anthropic Messages API: {@code {"type": "message", "content": [...], "stop_reason": ...}} answers and
 * {@code {"type": "error", "error": {"type": ..., "message": ...}}} errors.
 */
final class AnthropicWire implements ProviderWire {

    static final AnthropicWire INSTANCE = new AnthropicWire();
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private AnthropicWire() {
    }

    @Override
    public ApiFormat format() {
        return ApiFormat.ANTHROPIC;
    }

    @Override
    public String path() {
        return "/v1/messages";
    }

    @Override
    public ObjectNode textAnswer(String id, String model, String text, int inputTokens, int outputTokens) {
        ObjectNode answer = message(id, model);
        answer.putArray("content").addObject().put("type", "text").put("text", text);
        return finish(answer, "end_turn", inputTokens, outputTokens);
    }

    @Override
    public ObjectNode toolCallAnswer(String id, String model, String callId, String toolName,
                                     Map<String, Object> arguments, int inputTokens, int outputTokens) {
        ObjectNode answer = message(id, model);
        ObjectNode use = answer.putArray("content").addObject()
                .put("type", "tool_use").put("id", callId).put("name", toolName);
        use.set("input", MAPPER.valueToTree(arguments));
        return finish(answer, "tool_use", inputTokens, outputTokens);
    }

    @Override
    public String textStream(String id, String model, List<String> deltas, int inputTokens, int outputTokens) {
        StringBuilder sse = textStreamStart(id, model, deltas, inputTokens);
        event(sse, "content_block_stop", blockEvent("content_block_stop", 0));
        return streamEnd(sse, "end_turn", outputTokens);
    }

    @Override
    public String interruptedTextStream(String id, String model, List<String> deltas, int inputTokens) {
        return textStreamStart(id, model, deltas, inputTokens).toString();
    }

    @Override
    public String toolCallStream(String id, String model, String callId, String toolName, Map<String, Object> arguments,
                                 int inputTokens, int outputTokens) {
        StringBuilder sse = streamStart(id, model, inputTokens);
        ObjectNode start = blockEvent("content_block_start", 0);
        start.putObject("content_block").put("type", "tool_use").put("id", callId).put("name", toolName).putObject("input");
        event(sse, "content_block_start", start);
        for (String fragment : halves(MAPPER.writeValueAsString(arguments))) {
            ObjectNode delta = blockEvent("content_block_delta", 0);
            delta.putObject("delta").put("type", "input_json_delta").put("partial_json", fragment);
            event(sse, "content_block_delta", delta);
        }
        event(sse, "content_block_stop", blockEvent("content_block_stop", 0));
        return streamEnd(sse, "tool_use", outputTokens);
    }

    private static StringBuilder textStreamStart(String id, String model, List<String> deltas, int inputTokens) {
        StringBuilder sse = streamStart(id, model, inputTokens);
        ObjectNode start = blockEvent("content_block_start", 0);
        start.putObject("content_block").put("type", "text").put("text", "");
        event(sse, "content_block_start", start);
        event(sse, "ping", MAPPER.createObjectNode().put("type", "ping"));
        for (String text : deltas) {
            ObjectNode delta = blockEvent("content_block_delta", 0);
            delta.putObject("delta").put("type", "text_delta").put("text", text);
            event(sse, "content_block_delta", delta);
        }
        return sse;
    }

    private static StringBuilder streamStart(String id, String model, int inputTokens) {
        ObjectNode message = message(id, model);
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.putObject("usage").put("input_tokens", inputTokens).put("output_tokens", 1);
        ObjectNode start = MAPPER.createObjectNode().put("type", "message_start");
        start.set("message", message);
        return event(new StringBuilder(), "message_start", start);
    }

    private static String streamEnd(StringBuilder sse, String stopReason, int outputTokens) {
        ObjectNode delta = MAPPER.createObjectNode().put("type", "message_delta");
        delta.putObject("delta").put("stop_reason", stopReason).putNull("stop_sequence");
        delta.putObject("usage").put("output_tokens", outputTokens);
        event(sse, "message_delta", delta);
        return event(sse, "message_stop", MAPPER.createObjectNode().put("type", "message_stop")).toString();
    }

    /** A tool call's arguments JSON as the two fragments a streamed call sends it in (split at the middle). */
    static List<String> halves(String json) {
        int middle = json.length() / 2;
        return List.of(json.substring(0, middle), json.substring(middle));
    }

    private static ObjectNode blockEvent(String type, int index) {
        return MAPPER.createObjectNode().put("type", type).put("index", index);
    }

    private static StringBuilder event(StringBuilder sse, String type, ObjectNode data) {
        return sse.append("event: ").append(type).append("\ndata: ").append(MAPPER.writeValueAsString(data)).append("\n\n");
    }

    @Override
    public ObjectNode error(int status, String message) {
        ObjectNode error = MAPPER.createObjectNode().put("type", "error");
        error.putObject("error").put("type", errorType(status)).put("message", message);
        return error;
    }

    @Override
    public int overloadedStatus() {
        return 529;
    }

    @Override
    public Map<String, String> retryAfterHeaders(Duration wait) {
        return Map.of("retry-after", ProviderWire.retryAfterSeconds(wait));
    }

    private static ObjectNode message(String id, String model) {
        return MAPPER.createObjectNode().put("id", id).put("type", "message").put("role", "assistant").put("model", model);
    }

    private static ObjectNode finish(ObjectNode answer, String stopReason, int inputTokens, int outputTokens) {
        answer.put("stop_reason", stopReason);
        answer.putNull("stop_sequence");
        answer.putObject("usage").put("input_tokens", inputTokens).put("output_tokens", outputTokens);
        return answer;
    }

    /** The error types of Anthropic's "Errors" reference (those its SDK models know), by HTTP status. */
    private static String errorType(int status) {
        return switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 429 -> "rate_limit_error";
            case 504 -> "timeout_error";
            case 529 -> "overloaded_error";
            default -> status < 500 ? "invalid_request_error" : "api_error";
        };
    }
}
