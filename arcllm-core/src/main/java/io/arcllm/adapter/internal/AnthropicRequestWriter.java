package io.arcllm.adapter.internal;

import java.util.List;
import java.util.stream.Collectors;

import io.arcllm.ContentBlock;
import io.arcllm.ImageBlock;
import io.arcllm.LlmRequest;
import io.arcllm.Message;
import io.arcllm.ResponseFormat;
import io.arcllm.ToolChoice;
import io.arcllm.Role;
import io.arcllm.TextBlock;
import io.arcllm.ThinkingBlock;
import io.arcllm.Tool;
import io.arcllm.ToolResultBlock;
import io.arcllm.ToolUseBlock;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes an {@link LlmRequest} as an Anthropic Messages API body.
 * <ul>
 *   <li>System messages are lifted to the top-level {@code system}, joined by blank lines.</li>
 *   <li>{@link Role#TOOL} messages become {@code user} messages of {@code tool_result} blocks; consecutive
 *       messages of the same wire role are merged into one, as the API expects alternating turns.</li>
 *   <li>Content is always sent as a list of blocks; a tool result made only of text is sent as a string,
 *       and {@code is_error} only when true.</li>
 *   <li>A {@link ThinkingBlock} is sent back as a {@code thinking} block with its signature, as extended thinking
 *       with tool use requires.</li>
 *   <li>{@code max_tokens} is always sent (the API requires it); temperature and stop sequences only when set.</li>
 *   <li>{@code tool_choice}: {@code {"type": "auto"}}, {@code {"type": "none"}}, {@code {"type": "any"}} for
 *       required, {@code {"type": "tool", "name": ...}} for a named tool.</li>
 *   <li>A response format becomes {@code output_config.format} of type {@code json_schema} (Anthropic's structured
 *       outputs; the schema is sent as given, {@code strict} has no counterpart there).</li>
 * </ul>
 * {@link AnthropicRequestBytes} writes the same body straight to JSON bytes, without the tree; the two must agree.
 */
public final class AnthropicRequestWriter {

    private AnthropicRequestWriter() {
    }

    /** The request body, without extras. */
    public static ObjectNode write(LlmRequest request, String model, int maxTokens) {
        ObjectNode body = Json.object();
        body.put("model", model);
        body.put("max_tokens", maxTokens);
        String system = request.messages().stream()
                .filter(m -> m.role() == Role.SYSTEM)
                .map(Message::text)
                .collect(Collectors.joining("\n\n"));
        if (!system.isEmpty()) {
            body.put("system", system);
        }
        body.set("messages", messages(request.messages()));
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            request.tools().forEach(tool -> tools.add(tool(tool)));
        }
        if (request.toolChoice() != null) {
            body.set("tool_choice", toolChoice(request.toolChoice()));
        }
        if (request.responseFormat() != null) {
            body.set("output_config", outputConfig(request.responseFormat()));
        }
        if (request.temperature() != null) {
            body.put("temperature", request.temperature());
        }
        if (!request.stopSequences().isEmpty()) {
            ArrayNode stops = body.putArray("stop_sequences");
            request.stopSequences().forEach(stops::add);
        }
        return body;
    }

    static ObjectNode toolChoice(ToolChoice choice) {
        return switch (choice.type()) {
            case AUTO -> Json.object().put("type", "auto");
            case NONE -> Json.object().put("type", "none");
            case REQUIRED -> Json.object().put("type", "any");
            case TOOL -> Json.object().put("type", "tool").put("name", choice.name());
        };
    }

    static ObjectNode outputConfig(ResponseFormat format) {
        ObjectNode config = Json.object();
        ObjectNode wire = config.putObject("format").put("type", "json_schema");
        wire.set("schema", Json.toNode(format.schema()));
        return config;
    }

    private static ArrayNode messages(List<Message> messages) {
        ArrayNode wire = Json.MAPPER.createArrayNode();
        String previousRole = null;
        ArrayNode content = null;
        for (Message message : messages) {
            if (message.role() == Role.SYSTEM) {
                continue;
            }
            String role = message.role() == Role.ASSISTANT ? "assistant" : "user";
            if (!role.equals(previousRole)) {
                ObjectNode turn = wire.addObject();
                turn.put("role", role);
                content = turn.putArray("content");
                previousRole = role;
            }
            for (ContentBlock block : message.content()) {
                content.add(block(block));
            }
        }
        return wire;
    }

    private static ObjectNode block(ContentBlock block) {
        ObjectNode wire = Json.object();
        if (block instanceof TextBlock text) {
            wire.put("type", "text").put("text", text.text());
        } else if (block instanceof ImageBlock image) {
            wire.put("type", "image").putObject("source")
                    .put("type", "base64").put("media_type", image.mediaType()).put("data", image.source());
        } else if (block instanceof ToolUseBlock use) {
            wire.put("type", "tool_use").put("id", use.id()).put("name", use.name());
            wire.set("input", Json.toNode(use.arguments()));
        } else if (block instanceof ThinkingBlock thinking) {
            wire.put("type", "thinking").put("thinking", thinking.thinking());
            if (thinking.signature() != null) {
                wire.put("signature", thinking.signature());
            }
        } else if (block instanceof ToolResultBlock result) {
            wire.put("type", "tool_result").put("tool_use_id", result.toolUseId());
            if (result.content().stream().allMatch(TextBlock.class::isInstance)) {
                wire.put("content", result.text());
            } else {
                ArrayNode parts = wire.putArray("content");
                result.content().forEach(part -> parts.add(block(part)));
            }
            if (result.isError()) {
                wire.put("is_error", true);
            }
        }
        return wire;
    }

    private static ObjectNode tool(Tool tool) {
        ObjectNode wire = Json.object().put("name", tool.name());
        if (!tool.description().isEmpty()) {
            wire.put("description", tool.description());
        }
        wire.set("input_schema", Json.toNode(tool.parameters()));
        return wire;
    }

}
