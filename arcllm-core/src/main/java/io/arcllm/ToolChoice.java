package io.arcllm;


import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.arcllm.internal.json.JsonRequired;
import org.jspecify.annotations.Nullable;

/**
 * Whether and which tool the model must call. JSON form: {@code {"type": "auto"}}, {@code {"type": "none"}},
 * {@code {"type": "required"}} or {@code {"type": "tool", "name": "get_weather"}}.
 *
 * <p>Each adapter maps it to its dialect: OpenAI {@code tool_choice} ({@code "auto"}, {@code "none"},
 * {@code "required"}, or a named function), Mistral {@code "any"} for required, Anthropic
 * {@code tool_choice} ({@code auto}, {@code none}, {@code any}, {@code tool}).
 *
 * @param type the kind of choice
 * @param name the tool to call when {@code type} is {@link Type#TOOL}; null otherwise
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "name"})
public record ToolChoice(@JsonRequired Type type, @Nullable String name) {

    /** The kinds of tool choice. JSON form: lower case. */
    public enum Type {
        /** The model decides whether to call a tool (the providers' default when tools are given). */
        @JsonProperty("auto")
        AUTO,
        /** The model must not call a tool, even though tools are given. */
        @JsonProperty("none")
        NONE,
        /** The model must call at least one of the given tools. */
        @JsonProperty("required")
        REQUIRED,
        /** The model must call the tool named by {@link ToolChoice#name()}. */
        @JsonProperty("tool")
        TOOL
    }

    private static final ToolChoice AUTO = new ToolChoice(Type.AUTO, null);
    private static final ToolChoice NONE = new ToolChoice(Type.NONE, null);
    private static final ToolChoice REQUIRED = new ToolChoice(Type.REQUIRED, null);

    /**
     * Checks that a name is given exactly for {@link Type#TOOL}.
     *
     * @throws ArcLlmValidationException if {@code type} is TOOL without a name, or another type with one
     */
    public ToolChoice {
        if (type == null) {
            throw new ArcLlmValidationException("type", "must be one of auto, none, required, tool");
        }
        if (type == Type.TOOL && (name == null || name.isBlank())) {
            throw new ArcLlmValidationException("name", "must name the tool when type is 'tool'");
        }
        if (type != Type.TOOL && name != null) {
            throw new ArcLlmValidationException("name", "is only allowed with type 'tool', was type '"
                    + type.name().toLowerCase(java.util.Locale.ROOT) + "'");
        }
    }

    /** The model decides. */
    public static ToolChoice auto() {
        return AUTO;
    }

    /** The model must not call a tool. */
    public static ToolChoice none() {
        return NONE;
    }

    /** The model must call some tool. */
    public static ToolChoice required() {
        return REQUIRED;
    }

    /**
     * The model must call this tool.
     *
     * @throws ArcLlmValidationException if the name is blank
     */
    public static ToolChoice tool(String name) {
        return new ToolChoice(Type.TOOL, name);
    }
}
