package io.arcllm.config;

/**
 * What the catalog knows about one model. Prices are USD per one million tokens.
 *
 * @param cacheReadPrice price of prompt tokens read from the provider's cache
 * @param cacheWritePrice price of prompt tokens written to the provider's cache
 */
public record ModelMetadata(int contextWindow, int maxOutputTokens, boolean supportsTools, boolean supportsVision,
                            boolean supportsThinking, double inputPrice, double outputPrice,
                            double cacheReadPrice, double cacheWritePrice) {

    /** @throws io.arcllm.ArcLlmConfigException if a size is not positive or a price is negative */
    public ModelMetadata {
        if (contextWindow < 1) {
            throw io.arcllm.ArcLlmConfigException.of("context-window", "must be > 0, was " + contextWindow);
        }
        if (maxOutputTokens < 1) {
            throw io.arcllm.ArcLlmConfigException.of("max-output-tokens", "must be > 0, was " + maxOutputTokens);
        }
        if (inputPrice < 0 || outputPrice < 0 || cacheReadPrice < 0 || cacheWritePrice < 0) {
            throw new io.arcllm.ArcLlmConfigException("model prices must be >= 0");
        }
    }
}
