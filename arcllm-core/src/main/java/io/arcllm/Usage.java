package io.arcllm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.arcllm.internal.json.JsonRequired;
import org.jspecify.annotations.Nullable;

/**
 * Token counts of one call. The optional counts are null when the provider did not report them.
 * JSON form: {@code {"inputTokens": 12, "outputTokens": 6, "totalTokens": 18, "cacheReadTokens": 0,
 * "cacheWriteTokens": null, "reasoningTokens": null}}; the first three counts are required when reading.
 *
 * @param inputTokens prompt tokens billed at the normal input price (for Anthropic, excluding cache reads and writes)
 * @param cacheReadTokens prompt tokens served from the provider's prompt cache
 * @param cacheWriteTokens prompt tokens written to the provider's prompt cache
 * @param reasoningTokens output tokens spent on hidden reasoning (already counted in {@code outputTokens})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"inputTokens", "outputTokens", "totalTokens", "cacheReadTokens", "cacheWriteTokens",
        "reasoningTokens"})
public record Usage(@JsonRequired int inputTokens, @JsonRequired int outputTokens, @JsonRequired int totalTokens,
                    @Nullable Integer cacheReadTokens, @Nullable Integer cacheWriteTokens,
                    @Nullable Integer reasoningTokens) {

    /** @throws IllegalArgumentException if a count is negative */
    public Usage {
        if (inputTokens < 0 || outputTokens < 0 || totalTokens < 0) {
            throw new IllegalArgumentException("token counts must be >= 0");
        }
    }

    /** Usage with only input and output counts; the total is their sum. */
    public Usage(int inputTokens, int outputTokens) {
        this(inputTokens, outputTokens, inputTokens + outputTokens, null, null, null);
    }

    /** Usage with input, output and total counts as given; the optional counts are null. */
    public Usage(int inputTokens, int outputTokens, int totalTokens) {
        this(inputTokens, outputTokens, totalTokens, null, null, null);
    }

    /** No tokens. */
    public static Usage empty() {
        return new Usage(0, 0);
    }
}
