package io.arcllm.test.wire;

import java.time.Duration;
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
