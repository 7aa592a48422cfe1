package io.arcllm;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One piece of a {@link Message}'s content. JSON form carries a {@code "type"} discriminator:
 * {@code text}, {@code image}, {@code tool_use}, {@code tool_result}, {@code thinking}. Reading a block of any other
 * type, or without {@code "type"}, fails; unknown properties inside a block are ignored.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TextBlock.class, name = "text"),
        @JsonSubTypes.Type(value = ImageBlock.class, name = "image"),
        @JsonSubTypes.Type(value = ToolUseBlock.class, name = "tool_use"),
        @JsonSubTypes.Type(value = ToolResultBlock.class, name = "tool_result"),
        @JsonSubTypes.Type(value = ThinkingBlock.class, name = "thinking")
})
public sealed interface ContentBlock permits TextBlock, ImageBlock, ToolUseBlock, ToolResultBlock, ThinkingBlock {
}
