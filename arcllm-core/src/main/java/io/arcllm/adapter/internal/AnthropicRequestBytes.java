package io.arcllm.adapter.internal;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.stream.Collectors;

import io.arcllm.ContentBlock;
import io.arcllm.ImageBlock;
import io.arcllm.LlmRequest;
import io.arcllm.Message;
import io.arcllm.Role;
import io.arcllm.TextBlock;
import io.arcllm.ThinkingBlock;
import io.arcllm.Tool;
import io.arcllm.ToolResultBlock;
import io.arcllm.ToolUseBlock;
import tools.jackson.core.JsonGenerator;

/**
 * Writes an {@link LlmRequest} as an Anthropic Messages API body straight to JSON bytes with Jackson's generator,
 * field by field, without building {@link AnthropicRequestWriter}'s tree: the same bytes (same fields, same order,
 * same rules; {@code AnthropicRequestBytesTests} compares the two), at less than half the allocation. What
 * {@code invoke} sends for a request without extras; a stream or a request with extras goes through the tree, where
 * the stream flag and the extras are merged.
 */
public final class AnthropicRequestBytes {

    private AnthropicRequestBytes() {
    }

    /**
     * The request body without extras as JSON bytes, written field by field: the same bytes as
     * {@code Json.MAPPER.writeValueAsBytes(AnthropicRequestWriter.write(request, model, maxTokens))}, without the tree.
     *
     * @throws IllegalArgumentException if a tool's schema, a tool call's arguments or the response format's schema
     *     cannot be written as JSON
     */
    public static byte[] write(LlmRequest request, String model, int maxTokens) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 64 * request.messages().size());
        try (JsonGenerator g = Json.MAPPER.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringProperty("model", model);
            g.writeNumberProperty("max_tokens", maxTokens);
            String system = system(request.messages());
            if (!system.isEmpty()) {
                g.writeStringProperty("system", system);
            }
            g.writeName("messages");
            messages(g, request.messages());
            if (!request.tools().isEmpty()) {
                g.writeName("tools");
                g.writeStartArray();
                for (Tool tool : request.tools()) {
                    g.writeStartObject();
                    g.writeStringProperty("name", tool.name());
                    if (!tool.description().isEmpty()) {
                        g.writeStringProperty("description", tool.description());
                    }
                    g.writeName("input_schema");
                    g.writeTree(Json.toNode(tool.parameters()));
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            if (request.toolChoice() != null) {
                g.writeName("tool_choice");
                g.writeTree(AnthropicRequestWriter.toolChoice(request.toolChoice()));
            }
            if (request.responseFormat() != null) {
                g.writeName("output_config");
                g.writeTree(AnthropicRequestWriter.outputConfig(request.responseFormat()));
            }
            if (request.temperature() != null) {
                g.writeNumberProperty("temperature", request.temperature().doubleValue());
            }
            if (!request.stopSequences().isEmpty()) {
                g.writeName("stop_sequences");
                g.writeStartArray();
                for (String stop : request.stopSequences()) {
                    g.writeString(stop);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    /** The system messages' text joined by blank lines, as {@link AnthropicRequestWriter#write} joins them; usually a single one. */
    private static String system(List<Message> messages) {
        String single = null;
        int count = 0;
        for (Message message : messages) {
            if (message.role() == Role.SYSTEM) {
                single = message.text();
                count++;
            }
        }
        if (count <= 1) {
            return count == 0 ? "" : single;
        }
        return messages.stream().filter(m -> m.role() == Role.SYSTEM).map(Message::text).collect(Collectors.joining("\n\n"));
    }

    private static void messages(JsonGenerator g, List<Message> messages) {
        g.writeStartArray();
        String previousRole = null;
        for (Message message : messages) {
            if (message.role() == Role.SYSTEM) {
                continue;
            }
            String role = message.role() == Role.ASSISTANT ? "assistant" : "user";
            if (!role.equals(previousRole)) {
                if (previousRole != null) {
                    g.writeEndArray();
                    g.writeEndObject();
                }
                g.writeStartObject();
                g.writeStringProperty("role", role);
                g.writeName("content");
                g.writeStartArray();
                previousRole = role;
            }
            for (ContentBlock block : message.content()) {
                block(g, block);
            }
        }
        if (previousRole != null) {
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void block(JsonGenerator g, ContentBlock block) {
        g.writeStartObject();
        if (block instanceof TextBlock text) {
            g.writeStringProperty("type", "text");
            g.writeStringProperty("text", text.text());
        } else if (block instanceof ImageBlock image) {
            g.writeStringProperty("type", "image");
            g.writeName("source");
            g.writeStartObject();
            g.writeStringProperty("type", "base64");
            g.writeStringProperty("media_type", image.mediaType());
            g.writeStringProperty("data", image.source());
            g.writeEndObject();
        } else if (block instanceof ToolUseBlock use) {
            g.writeStringProperty("type", "tool_use");
            g.writeStringProperty("id", use.id());
            g.writeStringProperty("name", use.name());
            g.writeName("input");
            g.writeTree(Json.toNode(use.arguments()));
        } else if (block instanceof ThinkingBlock thinking) {
            g.writeStringProperty("type", "thinking");
            g.writeStringProperty("thinking", thinking.thinking());
            if (thinking.signature() != null) {
                g.writeStringProperty("signature", thinking.signature());
            }
        } else if (block instanceof ToolResultBlock result) {
            g.writeStringProperty("type", "tool_result");
            g.writeStringProperty("tool_use_id", result.toolUseId());
            if (result.content().stream().allMatch(TextBlock.class::isInstance)) {
                g.writeStringProperty("content", result.text());
            } else {
                g.writeName("content");
                g.writeStartArray();
                for (ContentBlock part : result.content()) {
                    block(g, part);
                }
                g.writeEndArray();
            }
            if (result.isError()) {
                g.writeBooleanProperty("is_error", true);
            }
        }
        g.writeEndObject();
    }
}
