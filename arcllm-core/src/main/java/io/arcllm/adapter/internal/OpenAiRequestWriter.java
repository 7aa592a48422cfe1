package io.arcllm.adapter.internal;

import java.util.ArrayList;
import java.util.List;

import io.arcllm.ContentBlock;
import io.arcllm.ResponseFormat;
import io.arcllm.ToolChoice;
import io.arcllm.ImageBlock;
import io.arcllm.LlmRequest;
import io.arcllm.Message;
import io.arcllm.Role;
import io.arcllm.TextBlock;
import io.arcllm.Tool;
import io.arcllm.ToolResultBlock;
import io.arcllm.ToolUseBlock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes an {@link LlmRequest} as an OpenAI Chat Completions body.
 * <ul>
 *   <li>Roles map one to one. User text is sent as a string; a user message with images as content parts,
 *       images as {@code data:} URLs.</li>
 *   <li>Assistant tool uses become {@code tool_calls} with the arguments as a JSON string.</li>
 *   <li>Thinking blocks in an assistant message (from another provider's answer) are left out.</li>
 *   <li>Each {@link ToolResultBlock} becomes its own {@code tool} message (in whatever message it came);
 *       Chat Completions has no error flag for tool results, so {@code isError} is not sent, and tool
 *       results carry text only.</li>
 *   <li>The token limit is sent as {@code max_completion_tokens}: OpenAI deprecated {@code max_tokens}, and
 *       its reasoning models reject it. A dialect that knows only {@code max_tokens} gets that field instead.</li>
 *   <li>{@code tool_choice}: {@code "auto"}, {@code "none"}, the dialect's "required" value ({@code "any"} for
 *       Mistral), or {@code {"type": "function", "function": {"name": ...}}}.</li>
 *   <li>{@code response_format}: {@code {"type": "json_schema", "json_schema": {"name", "schema", "strict"}}}.</li>
 *   <li>Tool-call ids pass through {@link OpenAiDialect#toolCallId}, in assistant messages and tool results alike.</li>
 * </ul>
 * Content the format cannot express (an image outside a user message, a tool use outside an assistant
 * message, a non-text tool result, text in a tool message) raises {@link IllegalArgumentException}.
 */
public final class OpenAiRequestWriter {

    private OpenAiRequestWriter() {
    }

    /** The request body in the OpenAI dialect, without extras. */
    public static ObjectNode write(LlmRequest request, String model, int maxTokens) {
        return write(request, model, maxTokens, OpenAiDialect.OPENAI);
    }

    /** The request body in {@code dialect}, without extras. */
    public static ObjectNode write(LlmRequest request, String model, int maxTokens, OpenAiDialect dialect) {
        ObjectNode body = Json.object();
        body.put("model", model);
        ArrayNode messages = body.putArray("messages");
        request.messages().forEach(message -> addMessage(messages, message, dialect));
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            request.tools().forEach(tool -> tools.add(tool(tool)));
        }
        if (request.toolChoice() != null) {
            body.set("tool_choice", toolChoice(request.toolChoice(), dialect));
        }
        if (request.responseFormat() != null) {
            body.set("response_format", responseFormat(request.responseFormat()));
        }
        body.put(dialect.maxTokensField(), maxTokens);
        if (request.temperature() != null) {
            body.put("temperature", request.temperature());
        }
        if (!request.stopSequences().isEmpty()) {
            ArrayNode stops = body.putArray("stop");
            request.stopSequences().forEach(stops::add);
        }
        return body;
    }

    private static JsonNode toolChoice(ToolChoice choice, OpenAiDialect dialect) {
        return switch (choice.type()) {
            case AUTO -> Json.MAPPER.getNodeFactory().stringNode("auto");
            case NONE -> Json.MAPPER.getNodeFactory().stringNode("none");
            case REQUIRED -> Json.MAPPER.getNodeFactory().stringNode(dialect.requiredToolChoice());
            case TOOL -> {
                ObjectNode named = Json.object().put("type", "function");
                named.putObject("function").put("name", choice.name());
                yield named;
            }
        };
    }

    private static ObjectNode responseFormat(ResponseFormat format) {
        ObjectNode wire = Json.object().put("type", "json_schema");
        ObjectNode schema = wire.putObject("json_schema").put("name", format.name());
        schema.set("schema", Json.toNode(format.schema()));
        schema.put("strict", format.strict());
        return wire;
    }

    private static void addMessage(ArrayNode wire, Message message, OpenAiDialect dialect) {
        List<ContentBlock> rest = new ArrayList<>();
        for (ContentBlock block : message.content()) {
            if (block instanceof ToolResultBlock result) {
                wire.add(toolResult(result, dialect));
            } else {
                rest.add(block);
            }
        }
        if (rest.isEmpty() && !message.content().isEmpty()) {
            return;
        }
        switch (message.role()) {
            case SYSTEM -> wire.addObject().put("role", "system").put("content", text(rest, message.role()));
            case USER -> wire.add(user(rest));
            case ASSISTANT -> wire.add(assistant(rest, dialect));
            case TOOL -> throw new IllegalArgumentException("openai: a tool message may hold only tool_result blocks");
        }
    }

    private static ObjectNode user(List<ContentBlock> blocks) {
        ObjectNode message = Json.object().put("role", "user");
        if (blocks.stream().noneMatch(ImageBlock.class::isInstance)) {
            return message.put("content", text(blocks, Role.USER));
        }
        ArrayNode parts = message.putArray("content");
        for (ContentBlock block : blocks) {
            if (block instanceof TextBlock text) {
                parts.addObject().put("type", "text").put("text", text.text());
            } else if (block instanceof ImageBlock image) {
                parts.addObject().put("type", "image_url").putObject("image_url")
                        .put("url", "data:" + image.mediaType() + ";base64," + image.source());
            } else {
                throw unsupported(block, Role.USER);
            }
        }
        return message;
    }

    private static ObjectNode assistant(List<ContentBlock> blocks, OpenAiDialect dialect) {
        StringBuilder text = new StringBuilder();
        ArrayNode calls = Json.MAPPER.createArrayNode();
        for (ContentBlock block : blocks) {
            if (block instanceof TextBlock t) {
                text.append(t.text());
            } else if (block instanceof io.arcllm.ThinkingBlock) {
                continue; // Chat Completions has no thinking blocks; another provider's reasoning stays out
            } else if (block instanceof ToolUseBlock use) {
                ObjectNode call = calls.addObject().put("id", dialect.toolCallId(use.id())).put("type", "function");
                call.putObject("function").put("name", use.name()).put("arguments", Json.write(Json.toNode(use.arguments())));
            } else {
                throw unsupported(block, Role.ASSISTANT);
            }
        }
        ObjectNode message = Json.object().put("role", "assistant");
        if (text.length() > 0 || calls.isEmpty()) {
            message.put("content", text.toString());
        }
        if (!calls.isEmpty()) {
            message.set("tool_calls", calls);
        }
        return message;
    }

    private static ObjectNode toolResult(ToolResultBlock result, OpenAiDialect dialect) {
        return Json.object().put("role", "tool").put("tool_call_id", dialect.toolCallId(result.toolUseId()))
                .put("content", text(result.content(), Role.TOOL));
    }

    private static String text(List<ContentBlock> blocks, Role role) {
        StringBuilder text = new StringBuilder();
        for (ContentBlock block : blocks) {
            if (!(block instanceof TextBlock t)) {
                throw unsupported(block, role);
            }
            text.append(t.text());
        }
        return text.toString();
    }

    private static IllegalArgumentException unsupported(ContentBlock block, Role role) {
        return new IllegalArgumentException("openai: a " + block.getClass().getSimpleName() + " cannot be sent in a "
                + role.name().toLowerCase() + (role == Role.TOOL ? " result" : " message") + " in the Chat Completions format");
    }

    private static ObjectNode tool(Tool tool) {
        ObjectNode wire = Json.object().put("type", "function");
        ObjectNode function = wire.putObject("function").put("name", tool.name());
        if (!tool.description().isEmpty()) {
            function.put("description", tool.description());
        }
        function.set("parameters", Json.toNode(tool.parameters()));
        return wire;
    }
}
