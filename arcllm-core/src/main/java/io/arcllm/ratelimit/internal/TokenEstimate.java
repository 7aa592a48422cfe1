package io.arcllm.ratelimit.internal;


import io.arcllm.ContentBlock;
import io.arcllm.ImageBlock;
import io.arcllm.LlmRequest;
import io.arcllm.Message;
import io.arcllm.TextBlock;
import io.arcllm.Tool;
import io.arcllm.ToolResultBlock;
import io.arcllm.ToolUseBlock;

/**
 * The input tokens a request is assumed to cost before the provider says, for the {@code input-tokens-per-minute}
 * reservation. A deliberately simple, provider-independent rule, reconciled with the reported usage afterwards:
 * <ul>
 *   <li>one token per {@value #CHARS_PER_TOKEN} characters (rounded up) of every text, tool name, tool
 *       description and tool-parameter schema, tool-call arguments and tool results;</li>
 *   <li>{@value #TOKENS_PER_MESSAGE} tokens per message for roles and framing;</li>
 *   <li>{@value #TOKENS_PER_IMAGE} tokens per image (about what a 1-megapixel image costs at Anthropic).</li>
 * </ul>
 * English prose runs at about four characters a token; code and other languages cost more, so the estimate
 * tends low for them and reconciliation charges the difference.
 */
public final class TokenEstimate {

    /** Characters counted as one token. */
    public static final int CHARS_PER_TOKEN = 4;
    /** Tokens added per message. */
    public static final int TOKENS_PER_MESSAGE = 4;
    /** Tokens counted per image. */
    public static final int TOKENS_PER_IMAGE = 1_600;

    private TokenEstimate() {
    }

    /** The estimated input tokens of {@code request}; at least 1. */
    public static long inputTokens(LlmRequest request) {
        long chars = 0;
        long tokens = 0;
        for (Message message : request.messages()) {
            tokens += TOKENS_PER_MESSAGE;
            for (ContentBlock block : message.content()) {
                chars += chars(block);
                tokens += images(block);
            }
        }
        for (Tool tool : request.tools()) {
            chars += tool.name().length() + length(tool.description()) + String.valueOf(tool.parameters()).length();
        }
        return Math.max(1, tokens + (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN);
    }

    private static long chars(ContentBlock block) {
        if (block instanceof TextBlock text) {
            return text.text().length();
        }
        if (block instanceof ToolUseBlock use) {
            return use.name().length() + String.valueOf(use.arguments()).length();
        }
        if (block instanceof ToolResultBlock result) {
            return result.content().stream().mapToLong(TokenEstimate::chars).sum();
        }
        return 0;
    }

    private static long images(ContentBlock block) {
        if (block instanceof ImageBlock) {
            return TOKENS_PER_IMAGE;
        }
        if (block instanceof ToolResultBlock result) {
            return result.content().stream().mapToLong(TokenEstimate::images).sum();
        }
        return 0;
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }
}
