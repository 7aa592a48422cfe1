package io.arcllm;

import java.util.List;
import java.util.Objects;

/**
 * The result of a tool call, sent back to the model in a {@link Role#TOOL} message.
 *
 * @param toolUseId the id of the {@link ToolUseBlock} / {@link ToolCall} this answers
 * @param content the result; JSON form is a string (one text block) or a list of blocks
 * @param isError whether the tool failed; the model sees the content as an error message
 */
public record ToolResultBlock(String toolUseId, List<ContentBlock> content, boolean isError) implements ContentBlock {

    /** Copies {@code content}. */
    public ToolResultBlock {
        Objects.requireNonNull(toolUseId, "toolUseId");
        content = content == null ? List.of() : List.copyOf(content);
    }

    /** A successful text result. */
    public ToolResultBlock(String toolUseId, String content) {
        this(toolUseId, List.of(new TextBlock(content)), false);
    }

    /** A failed tool call, reported to the model as text. */
    public static ToolResultBlock error(String toolUseId, String message) {
        return new ToolResultBlock(toolUseId, List.of(new TextBlock(message)), true);
    }

    /** The text blocks of the content, joined. */
    public String text() {
        return Message.joinText(content);
    }
}
