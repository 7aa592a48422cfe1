package io.arcllm;

/** Who wrote a {@link Message}. JSON form: lower case ({@code "user"}). */
public enum Role {
    /** Instructions for the model; adapters lift these to the provider's system prompt. */
    SYSTEM,
    /** The human or agent asking. */
    USER,
    /** The model. */
    ASSISTANT,
    /** Results of tool calls the model asked for. */
    TOOL
}
