package io.arcllm.test.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.arcllm.ContentBlock;
import io.arcllm.ImageBlock;
import io.arcllm.Message;
import io.arcllm.Role;
import io.arcllm.TextBlock;
import io.arcllm.Tool;
import io.arcllm.ToolResultBlock;
import io.arcllm.ToolUseBlock;
import io.arcllm.config.ApiFormat;
import io.arcllm.test.ReceivedRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a request body of the Anthropic Messages or OpenAI Chat Completions format back into ArcLLM's types.
 * Tolerant: fields it does not know are ignored, a body that is not JSON gives no messages.
 */
public final class WireRequestReader {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private WireRequestReader() {
    }

    /** The request as the stub of {@code providerId} received it. */
    public static ReceivedRequest read(String providerId, ApiFormat format, String path, Map<String, List<String>> headers,
                                       String body) {
        Map<String, List<String>> lowerCase = new TreeMap<>();
        headers.forEach((name, values) -> lowerCase.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        JsonNode json = parse(body);
        if (json == null || !json.isObject()) {
            return new ReceivedRequest(providerId, path, null, List.of(), List.of(), null, null, false, lowerCase, body);
        }
        boolean anthropic = format == ApiFormat.ANTHROPIC;
        List<Message> messages = anthropic ? anthropicMessages(json) : openAiMessages(json);
        List<Tool> tools = new ArrayList<>();
        for (JsonNode tool : json.path("tools")) {
            JsonNode function = anthropic ? tool : tool.path("function");
            tools.add(new Tool(function.path("name").asString(""), function.path("description").asString(""),
                    map(function.path(anthropic ? "input_schema" : "parameters"))));
        }
        JsonNode maxTokens = json.get(anthropic ? "max_tokens" : "max_completion_tokens");
        JsonNode temperature = json.get("temperature");
        JsonNode stream = json.get("stream");
        return new ReceivedRequest(providerId, path, json.path("model").asString(null), messages, tools,
                maxTokens != null && maxTokens.isNumber() ? maxTokens.intValue() : null,
                temperature != null && temperature.isNumber() ? temperature.doubleValue() : null,
                stream != null && stream.isBoolean() && stream.booleanValue(), lowerCase, body);
    }

    private static List<Message> anthropicMessages(JsonNode json) {
        List<Message> messages = new ArrayList<>();
        JsonNode system = json.get("system");
        if (system != null && !system.isNull()) {
            messages.add(Message.system(system.isString() ? system.stringValue() : text(anthropicBlocks(system))));
        }
        for (JsonNode turn : json.path("messages")) {
            List<ContentBlock> content = anthropicBlocks(turn.path("content"));
            if (turn.path("role").asString("").equals("assistant")) {
                messages.add(Message.assistant(content));
            } else if (!content.isEmpty() && content.stream().allMatch(ToolResultBlock.class::isInstance)) {
                messages.add(Message.tool(content));
            } else {
                messages.add(Message.user(content));
            }
        }
        return messages;
    }

    private static List<ContentBlock> anthropicBlocks(JsonNode content) {
        if (content.isString()) {
            return List.of(new TextBlock(content.stringValue()));
        }
        List<ContentBlock> blocks = new ArrayList<>();
        for (JsonNode block : content) {
            switch (block.path("type").asString("")) {
                case "text" -> blocks.add(new TextBlock(block.path("text").asString("")));
                case "image" -> blocks.add(new ImageBlock(block.path("source").path("data").asString(""),
                        block.path("source").path("media_type").asString("")));
                case "tool_use" -> blocks.add(new ToolUseBlock(block.path("id").asString(""),
                        block.path("name").asString(""), map(block.path("input"))));
                case "tool_result" -> blocks.add(new ToolResultBlock(block.path("tool_use_id").asString(""),
                        anthropicBlocks(block.path("content")), block.path("is_error").asBoolean(false)));
                default -> {
                    // A block type the kit does not read (documents, thinking, ...): left out.
                }
            }
        }
        return blocks;
    }

    private static List<Message> openAiMessages(JsonNode json) {
        List<Message> messages = new ArrayList<>();
        for (JsonNode message : json.path("messages")) {
            String role = message.path("role").asString("");
            switch (role) {
                case "system", "developer" -> messages.add(Message.system(openAiText(message.path("content"))));
                case "tool" -> messages.add(Message.tool(message.path("tool_call_id").asString(""),
                        openAiText(message.path("content"))));
                case "assistant" -> messages.add(Message.assistant(openAiAssistant(message)));
                default -> messages.add(Message.user(openAiUser(message.path("content"))));
            }
        }
        return messages;
    }

    private static List<ContentBlock> openAiUser(JsonNode content) {
        if (content.isString()) {
            return List.of(new TextBlock(content.stringValue()));
        }
        List<ContentBlock> blocks = new ArrayList<>();
        for (JsonNode part : content) {
            if (part.path("type").asString("").equals("image_url")) {
                String url = part.path("image_url").path("url").asString("");
                // data:<media type>;base64,<data>
                int semicolon = url.indexOf(';');
                int comma = url.indexOf(',');
                if (url.startsWith("data:") && semicolon > 5 && comma > semicolon) {
                    blocks.add(new ImageBlock(url.substring(comma + 1), url.substring(5, semicolon)));
                }
            } else {
                blocks.add(new TextBlock(part.path("text").asString("")));
            }
        }
        return blocks;
    }

    private static List<ContentBlock> openAiAssistant(JsonNode message) {
        List<ContentBlock> blocks = new ArrayList<>();
        String text = openAiText(message.path("content"));
        if (!text.isEmpty() || !message.has("tool_calls")) {
            blocks.add(new TextBlock(text));
        }
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode function = call.path("function");
            JsonNode arguments = function.path("arguments");
            JsonNode parsed = arguments.isString() ? parse(arguments.stringValue()) : arguments;
            blocks.add(new ToolUseBlock(call.path("id").asString(""), function.path("name").asString(""),
                    parsed == null ? Map.of() : map(parsed)));
        }
        return blocks;
    }

    private static String openAiText(JsonNode content) {
        if (content.isString()) {
            return content.stringValue();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            text.append(part.path("text").asString(""));
        }
        return text.toString();
    }

    private static String text(List<ContentBlock> blocks) {
        StringBuilder text = new StringBuilder();
        blocks.stream().filter(TextBlock.class::isInstance).forEach(b -> text.append(((TextBlock) b).text()));
        return text.toString();
    }

    private static Map<String, Object> map(JsonNode node) {
        return node != null && node.isObject() ? MAPPER.convertValue(node, MAP) : Map.of();
    }

    private static @Nullable JsonNode parse(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }
}
