package io.arcllm;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Why the model stopped, normalized across providers. JSON form: lower snake case ({@code "end_turn"}). */
public enum StopReason {
    /** The model finished its answer. */
    @JsonProperty("end_turn")
    END_TURN,
    /** The model wants tool results before it goes on; see {@link LlmResponse#toolCalls()}. */
    @JsonProperty("tool_use")
    TOOL_USE,
    /** The answer was cut off at the max-tokens limit. */
    @JsonProperty("max_tokens")
    MAX_TOKENS,
    /** The model produced one of the request's stop sequences. */
    @JsonProperty("stop_sequence")
    STOP_SEQUENCE,
    /** The provider withheld or cut the answer by its content policy. */
    @JsonProperty("content_filter")
    CONTENT_FILTER
}
