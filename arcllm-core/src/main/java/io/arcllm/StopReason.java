package io.arcllm;

/** Why the model stopped, normalized across providers. JSON form: lower snake case ({@code "end_turn"}). */
public enum StopReason {
    /** The model finished its answer. */
    END_TURN,
    /** The model wants tool results before it goes on; see {@link LlmResponse#toolCalls()}. */
    TOOL_USE,
    /** The answer was cut off at the max-tokens limit. */
    MAX_TOKENS,
    /** The model produced one of the request's stop sequences. */
    STOP_SEQUENCE,
    /** The provider withheld or cut the answer by its content policy. */
    CONTENT_FILTER
}
