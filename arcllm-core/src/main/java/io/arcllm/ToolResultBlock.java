package io.arcllm;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.arcllm.internal.Checks;
import io.arcllm.internal.json.JsonRequired;
import io.arcllm.internal.json.StringOrBlocks;

/**
 * The result of a tool call, sent back to the model in a {@link Role#TOOL} message. JSON form:
 * {@code {"type": "tool_result", "toolUseId": "toolu_1", "content": "56088"}}, with
 * {@code "isError": true} only for a failure (absent means false). A missing {@code content} reads
 * as an empty result.
 *
 * @param toolUseId the id of the {@link ToolUseBlock} / {@link ToolCall} this answers
 * @param content the result; JSON form is a string (one text block) or a list of blocks
 * @param isError whether the tool failed; the model sees the content as an error message
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"toolUseId", "content", "isError"})
public record ToolResultBlock(@JsonRequired String toolUseId, @StringOrBlocks List<ContentBlock> content,
                              @JsonProperty("isError") @JsonInclude(JsonInclude.Include.NON_DEFAULT)
                              @JsonSetter(nulls = Nulls.AS_EMPTY) boolean isError) implements ContentBlock {

    /**
     * Copies {@code content}; null content is empty.
     *
     * @throws ArcLlmValidationException if {@code toolUseId} is null or empty, or a content block is null
     */
    public ToolResultBlock {
        Checks.notEmpty(toolUseId, "toolUseId");
        content = Checks.copyWithoutNulls(content, "content");
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
