package io.arcllm;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.arcllm.internal.Checks;
import io.arcllm.internal.json.JsonRequired;
import io.arcllm.internal.json.StringOrBlocks;

/**
 * One turn of a conversation. JSON form: {@code {"role":"user","content":"hi"}}, where
 * {@code content} is a string (one text block) or a list of blocks; it is written as a string
 * exactly when it is one text block. Both properties are required when reading; unknown properties
 * are ignored, so a message can be read from a larger JSON object.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"role", "content"})
public record Message(@JsonRequired Role role, @JsonRequired @StringOrBlocks List<ContentBlock> content) {

    /**
     * Copies {@code content}; null content is empty.
     *
     * @throws ArcLlmValidationException if {@code role} or a content block is null
     */
    public Message {
        Checks.notNull(role, "role");
        content = Checks.copyWithoutNulls(content, "content");
    }

    /** A system prompt. */
    public static Message system(String text) {
        return new Message(Role.SYSTEM, List.of(new TextBlock(text)));
    }

    /** A user message of text. */
    public static Message user(String text) {
        return new Message(Role.USER, List.of(new TextBlock(text)));
    }

    /** A user message of blocks (text and images). */
    public static Message user(List<ContentBlock> content) {
        return new Message(Role.USER, content);
    }

    /** An assistant message of text. */
    public static Message assistant(String text) {
        return new Message(Role.ASSISTANT, List.of(new TextBlock(text)));
    }

    /** An assistant message of blocks (text and tool uses). */
    public static Message assistant(List<ContentBlock> content) {
        return new Message(Role.ASSISTANT, content);
    }

    /**
     * The assistant turn that a response stands for, to append to the history before sending tool
     * results: its {@link ThinkingBlock}s with their signatures (if any), then its text (if any), then one
     * {@link ToolUseBlock} per tool call.
     */
    public static Message assistant(LlmResponse response) {
        List<ContentBlock> blocks = new ArrayList<>(response.thinkingBlocks());
        if (response.content() != null && !response.content().isEmpty()) {
            blocks.add(new TextBlock(response.content()));
        }
        response.toolCalls().forEach(call -> blocks.add(ToolUseBlock.of(call)));
        return new Message(Role.ASSISTANT, blocks);
    }

    /** A tool message carrying one successful text result. */
    public static Message tool(String toolUseId, String result) {
        return new Message(Role.TOOL, List.of(new ToolResultBlock(toolUseId, result)));
    }

    /** A tool message of result blocks. */
    public static Message tool(List<ContentBlock> results) {
        return new Message(Role.TOOL, results);
    }

    /** The text blocks of this message, joined; empty when there are none. */
    public String text() {
        return joinText(content);
    }

    static String joinText(List<ContentBlock> blocks) {
        StringBuilder text = new StringBuilder();
        for (ContentBlock block : blocks) {
            if (block instanceof TextBlock t) {
                text.append(t.text());
            }
        }
        return text.toString();
    }
}
