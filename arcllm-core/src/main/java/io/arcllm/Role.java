package io.arcllm;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Who wrote a {@link Message}. JSON form: lower case ({@code "user"}). */
public enum Role {
    /** Instructions for the model; adapters lift these to the provider's system prompt. */
    @JsonProperty("system")
    SYSTEM,
    /** The human or agent asking. */
    @JsonProperty("user")
    USER,
    /** The model. */
    @JsonProperty("assistant")
    ASSISTANT,
    /** Results of tool calls the model asked for. */
    @JsonProperty("tool")
    TOOL
}
