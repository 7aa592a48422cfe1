package io.arcllm.test.wire;

import java.time.Duration;
import java.util.Map;

import io.arcllm.config.ApiFormat;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI Chat Completions: {@code {"object": "chat.completion", "choices": [...], "usage": ...}} answers (tool
 * arguments as a JSON string) and {@code {"error": {"message", "type", "param", "code"}}} errors.
 */
final class OpenAiWire implements ProviderWire {

    static final OpenAiWire INSTANCE = new OpenAiWire();
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    /** A fixed creation time (2026-01-01T00:00:00Z): answers are reproducible. */
    private static final long CREATED = 1_767_225_600L;

    private OpenAiWire() {
    }

    @Override
    public ApiFormat format() {
        return ApiFormat.OPENAI;
    }

    @Override
    public String path() {
        return "/v1/chat/completions";
    }

    @Override
    public ObjectNode textAnswer(String id, String model, String text, int inputTokens, int outputTokens) {
        ObjectNode answer = completion(id, model);
        ObjectNode choice = answer.putArray("choices").addObject().put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", text).putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", "stop");
        return usage(answer, inputTokens, outputTokens);
    }

    @Override
    public ObjectNode toolCallAnswer(String id, String model, String callId, String toolName,
                                     Map<String, Object> arguments, int inputTokens, int outputTokens) {
        ObjectNode answer = completion(id, model);
        ObjectNode choice = answer.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant").putNull("content").putNull("refusal");
        ObjectNode call = message.putArray("tool_calls").addObject().put("id", callId).put("type", "function");
        call.putObject("function").put("name", toolName).put("arguments", MAPPER.writeValueAsString(arguments));
        choice.putNull("logprobs");
        choice.put("finish_reason", "tool_calls");
        return usage(answer, inputTokens, outputTokens);
    }

    @Override
    public ObjectNode error(int status, String message) {
        ObjectNode error = MAPPER.createObjectNode();
        ObjectNode body = error.putObject("error").put("message", message).put("type", errorType(status)).putNull("param");
        String code = errorCode(status);
        if (code == null) {
            body.putNull("code");
        } else {
            body.put("code", code);
        }
        return error;
    }

    @Override
    public int overloadedStatus() {
        return 503;
    }

    @Override
    public Map<String, String> retryAfterHeaders(Duration wait) {
        return Map.of("retry-after", ProviderWire.retryAfterSeconds(wait), "retry-after-ms", Long.toString(wait.toMillis()));
    }

    private static ObjectNode completion(String id, String model) {
        return MAPPER.createObjectNode().put("id", id).put("object", "chat.completion").put("created", CREATED)
                .put("model", model);
    }

    private static ObjectNode usage(ObjectNode answer, int inputTokens, int outputTokens) {
        answer.putObject("usage").put("prompt_tokens", inputTokens).put("completion_tokens", outputTokens)
                .put("total_tokens", inputTokens + outputTokens);
        return answer;
    }

    private static String errorType(int status) {
        return switch (status) {
            case 429 -> "requests";
            case 400, 401, 403, 404, 409, 422 -> "invalid_request_error";
            default -> "server_error";
        };
    }

    private static String errorCode(int status) {
        return switch (status) {
            case 401 -> "invalid_api_key";
            case 404 -> "model_not_found";
            case 429 -> "rate_limit_exceeded";
            default -> null;
        };
    }
}
