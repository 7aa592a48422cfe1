package io.arcllm.test.wire;

import java.time.Duration;
import java.util.List;
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
    public String textStream(String id, String model, List<String> deltas, int inputTokens, int outputTokens) {
        return streamEnd(textStreamStart(id, model, deltas), id, model, "stop", inputTokens, outputTokens);
    }

    @Override
    public String interruptedTextStream(String id, String model, List<String> deltas, int inputTokens) {
        return textStreamStart(id, model, deltas).toString();
    }

    @Override
    public String toolCallStream(String id, String model, String callId, String toolName, Map<String, Object> arguments,
                                 int inputTokens, int outputTokens) {
        StringBuilder sse = new StringBuilder();
        ObjectNode first = chunk(id, model);
        ObjectNode delta = delta(first).put("role", "assistant").putNull("content").putNull("refusal");
        ObjectNode call = delta.putArray("tool_calls").addObject().put("index", 0).put("id", callId).put("type", "function");
        call.putObject("function").put("name", toolName).put("arguments", "");
        data(sse, first);
        for (String fragment : AnthropicWire.halves(MAPPER.writeValueAsString(arguments))) {
            ObjectNode next = chunk(id, model);
            delta(next).putArray("tool_calls").addObject().put("index", 0).putObject("function").put("arguments", fragment);
            data(sse, next);
        }
        return streamEnd(sse, id, model, "tool_calls", inputTokens, outputTokens);
    }

    private static StringBuilder textStreamStart(String id, String model, List<String> deltas) {
        StringBuilder sse = new StringBuilder();
        ObjectNode first = chunk(id, model);
        delta(first).put("role", "assistant").put("content", "").putNull("refusal");
        data(sse, first);
        for (String text : deltas) {
            ObjectNode next = chunk(id, model);
            delta(next).put("content", text);
            data(sse, next);
        }
        return sse;
    }

    private static String streamEnd(StringBuilder sse, String id, String model, String finishReason, int inputTokens,
                                    int outputTokens) {
        ObjectNode finish = chunk(id, model);
        delta(finish);
        ((ObjectNode) finish.get("choices").get(0)).put("finish_reason", finishReason);
        data(sse, finish);
        ObjectNode usage = chunk(id, model);
        usage.putArray("choices");
        data(sse, usage(usage, inputTokens, outputTokens));
        return sse.append("data: [DONE]\n\n").toString();
    }

    /** A {@code chat.completion.chunk} with one choice (index 0, finish_reason null) and {@code "usage": null}. */
    private static ObjectNode chunk(String id, String model) {
        ObjectNode chunk = MAPPER.createObjectNode().put("id", id).put("object", "chat.completion.chunk")
                .put("created", CREATED).put("model", model);
        chunk.putArray("choices").addObject().put("index", 0).putNull("logprobs").putNull("finish_reason");
        chunk.putNull("usage");
        return chunk;
    }

    private static ObjectNode delta(ObjectNode chunk) {
        return ((ObjectNode) chunk.get("choices").get(0)).putObject("delta");
    }

    private static void data(StringBuilder sse, ObjectNode chunk) {
        sse.append("data: ").append(MAPPER.writeValueAsString(chunk)).append("\n\n");
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
