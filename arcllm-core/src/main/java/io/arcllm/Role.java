package io.arcllm;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.arcllm.internal.json.RoleDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * Who wrote a {@link Message}. JSON form: the lower-case name ({@code "user"}); any other value,
 * including a number or an upper-case name, is rejected when reading.
 */
@JsonDeserialize(using = RoleDeserializer.class)
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
