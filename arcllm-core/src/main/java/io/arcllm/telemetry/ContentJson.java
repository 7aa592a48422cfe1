package io.arcllm.telemetry;

import java.util.List;

import io.arcllm.ContentBlock;
import io.arcllm.ImageBlock;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.Message;
import io.arcllm.StopReason;
import io.arcllm.TextBlock;
import io.arcllm.ToolCall;
import io.arcllm.ToolResultBlock;
import io.arcllm.ToolUseBlock;
import io.arcllm.adapter.internal.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The prompt and the answer in the JSON shape of the OpenTelemetry GenAI {@code gen_ai.input.messages} and
 * {@code gen_ai.output.messages} attributes: {@code [{"role": "user", "parts": [{"type": "text",
 * "content": "..."}]}]}, tool calls as {@code tool_call} parts, tool results as {@code tool_call_response}
 * parts. Images are recorded by media type only, never their bytes.
 */
final class ContentJson {

    private ContentJson() {
    }

    /** The request's messages. */
    static String inputMessages(LlmRequest request) {
        ArrayNode messages = Json.MAPPER.createArrayNode();
        for (Message message : request.messages()) {
            ObjectNode node = messages.addObject();
            node.put("role", message.role().name().toLowerCase(java.util.Locale.ROOT));
            addParts(node.putArray("parts"), message.content());
        }
        return messages.toString();
    }

    /** The answer as one assistant message with its finish reason. */
    static String outputMessages(LlmResponse response) {
        ArrayNode messages = Json.MAPPER.createArrayNode();
        ObjectNode message = messages.addObject();
        message.put("role", "assistant");
        ArrayNode parts = message.putArray("parts");
        if (response.content() != null) {
            parts.addObject().put("type", "text").put("content", response.content());
        }
        for (ToolCall call : response.toolCalls()) {
            toolCall(parts, call.id(), call.name(), call.arguments());
        }
        message.put("finish_reason", finishReason(response.stopReason()));
        return messages.toString();
    }

    /** The conventions' finish reason: {@code stop}, {@code length}, {@code tool_call} or {@code content_filter}. */
    static String finishReason(StopReason reason) {
        return switch (reason) {
            case END_TURN, STOP_SEQUENCE -> "stop";
            case MAX_TOKENS -> "length";
            case TOOL_USE -> "tool_call";
            case CONTENT_FILTER -> "content_filter";
        };
    }

    private static void addParts(ArrayNode parts, List<ContentBlock> blocks) {
        for (ContentBlock block : blocks) {
            if (block instanceof TextBlock text) {
                parts.addObject().put("type", "text").put("content", text.text());
            } else if (block instanceof ToolUseBlock use) {
                toolCall(parts, use.id(), use.name(), use.arguments());
            } else if (block instanceof ToolResultBlock result) {
                parts.addObject().put("type", "tool_call_response").put("id", result.toolUseId())
                        .put("response", result.text());
            } else if (block instanceof ImageBlock image) {
                parts.addObject().put("type", "image").put("media_type", image.mediaType());
            } else if (block instanceof io.arcllm.ThinkingBlock thinking) {
                parts.addObject().put("type", "reasoning").put("content", thinking.thinking());
            }
        }
    }

    private static void toolCall(ArrayNode parts, String id, String name, java.util.Map<String, Object> arguments) {
        parts.addObject().put("type", "tool_call").put("id", id).put("name", name)
                .set("arguments", Json.toNode(arguments));
    }
}
