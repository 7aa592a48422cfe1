package io.arcllm;

/**
 * One piece of a {@link Message}'s content. JSON form carries a {@code "type"} discriminator:
 * {@code text}, {@code image}, {@code tool_use}, {@code tool_result}.
 */
public sealed interface ContentBlock permits TextBlock, ImageBlock, ToolUseBlock, ToolResultBlock {
}
