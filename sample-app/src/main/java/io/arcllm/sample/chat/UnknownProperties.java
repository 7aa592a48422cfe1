package io.arcllm.sample.chat;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.arcllm.ImageBlock;
import io.arcllm.LlmRequest;
import io.arcllm.Message;
import io.arcllm.TextBlock;
import io.arcllm.Tool;
import io.arcllm.ToolResultBlock;
import io.arcllm.ToolUseBlock;
import tools.jackson.databind.JsonNode;

/**
 * Rejects properties a chat body does not define, at every level: the top level, each message, each
 * content block of a known type, each tool. The core types ignore unknown properties by design (so they
 * can be read out of larger objects); a gateway should not: a misspelt {@code "contnet"} or an
 * {@code "cache_control"} the gateway would silently drop is the caller's mistake to hear about.
 * The known names are the core records' own components, so new options are accepted without edits here.
 */
final class UnknownProperties {

    /**
     * The top-level properties: the request's own plus {@code provider}, minus {@code extras}: a gateway
     * does not let its callers write arbitrary fields into the provider's request body.
     */
    static final Set<String> TOP_LEVEL = without(with(names(LlmRequest.class), "provider"), "extras");

    private static final Set<String> MESSAGE = names(Message.class);
    private static final Set<String> TOOL = names(Tool.class);
    private static final Map<String, Set<String>> BLOCKS = Map.of(
            "text", with(names(TextBlock.class), "type"),
            "image", with(names(ImageBlock.class), "type"),
            "tool_use", with(names(ToolUseBlock.class), "type"),
            "tool_result", with(names(ToolResultBlock.class), "type"));

    private UnknownProperties() {
    }

    /** @throws InvalidChatRequestException naming the first unknown property found */
    static void check(JsonNode body) {
        check(body, TOP_LEVEL, "", "a chat request");
        JsonNode messages = body.get("messages");
        if (messages != null && messages.isArray()) {
            for (int i = 0; i < messages.size(); i++) {
                JsonNode message = messages.get(i);
                String at = "messages[" + i + "]";
                check(message, MESSAGE, at + ".", "a message");
                checkBlocks(message.get("content"), at + ".content");
            }
        }
        JsonNode tools = body.get("tools");
        if (tools != null && tools.isArray()) {
            for (int i = 0; i < tools.size(); i++) {
                check(tools.get(i), TOOL, "tools[" + i + "].", "a tool");
            }
        }
    }

    private static void checkBlocks(JsonNode content, String at) {
        if (content == null || !content.isArray()) {
            return;
        }
        for (int i = 0; i < content.size(); i++) {
            JsonNode block = content.get(i);
            JsonNode type = block.get("type");
            Set<String> known = type != null && type.isString() ? BLOCKS.get(type.asString()) : null;
            if (known != null) {
                check(block, known, at + "[" + i + "].", "a " + type.asString() + " block");
                checkBlocks(block.get("content"), at + "[" + i + "].content");
            }
        }
    }

    private static void check(JsonNode node, Set<String> known, String at, String what) {
        if (node == null || !node.isObject()) {
            return;
        }
        for (String name : node.propertyNames()) {
            if (!known.contains(name)) {
                throw new InvalidChatRequestException(at + Excerpt.cut(name), "unknown property " + Excerpt.quoted(name)
                        + "; " + what + " has " + String.join(", ", known));
            }
        }
    }

    private static Set<String> names(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static Set<String> without(Set<String> names, String left) {
        Set<String> rest = new LinkedHashSet<>(names);
        rest.remove(left);
        return rest;
    }

    private static Set<String> with(Set<String> names, String extra) {
        Set<String> all = new LinkedHashSet<>(names);
        all.add(extra);
        return all;
    }
}
