package io.arcllm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.arcllm.internal.Checks;
import io.arcllm.internal.Immutables;
import io.arcllm.internal.json.FiniteNumber;
import io.arcllm.internal.json.StrictInteger;
import io.arcllm.internal.json.JsonRequired;
import org.jspecify.annotations.Nullable;

/**
 * What to send: the conversation, the tools on offer and per-call options. Immutable; build it
 * with {@link #builder()} or {@link #of(List)}. JSON form: {@code {"messages": [...], "tools": [...],
 * "maxTokens": 100, "temperature": 0.2, "stopSequences": [], "extras": {}, "toolChoice": {"type": "auto"},
 * "responseFormat": {"name": "...", "schema": {...}}}}; only {@code messages}
 * is required when reading, missing options take their defaults, unknown properties (such as a
 * caller's own {@code "provider"}) are ignored. When reading, {@code maxTokens} must be a JSON integer
 * and {@code temperature} a JSON number (a string such as {@code "50"} or a fraction such as
 * {@code 1.9} for {@code maxTokens} is rejected, not coerced).
 *
 * @param maxTokens the answer's token limit; null means the model's max output tokens from the catalog
 * @param temperature sampling temperature; null means the provider's default
 * @param stopSequences strings that end the answer when produced
 * @param extras provider-specific request fields, merged into the request body as-is
 *     (e.g. {@code "thinking"} for Anthropic, {@code "reasoning_effort"} for OpenAI); they never
 *     replace the fields ArcLLM sets itself
 * @param toolChoice whether and which tool the model must call; null means the provider's default
 *     ({@code auto} when tools are given)
 * @param responseFormat a JSON Schema the answer's text must match; null means free text
 * @param timeout this call's deadline across all its retries and fallbacks, overriding
 *     {@code arcllm.defaults.timeout} and the provider's; null for those. It bounds the call in every stack, a bare
 *     adapter's too, for {@code invoke} and {@code stream} alike (see {@link io.arcllm.module.internal.DeadlineModule}); a
 *     call option, so it is not part of the JSON form
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"messages", "tools", "maxTokens", "temperature", "stopSequences", "extras", "toolChoice",
        "responseFormat"})
public record LlmRequest(@JsonRequired List<Message> messages,
                         @JsonSetter(contentNulls = Nulls.FAIL) List<Tool> tools,
                         @StrictInteger @Nullable Integer maxTokens, @FiniteNumber @Nullable Double temperature,
                         @JsonSetter(contentNulls = Nulls.FAIL) List<String> stopSequences,
                         Map<String, Object> extras,
                         @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable ToolChoice toolChoice,
                         @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable ResponseFormat responseFormat,
                         @JsonIgnore @Nullable Duration timeout) {

    /**
     * Validates and copies. Size limits are not checked here: see {@link RequestLimits}.
     *
     * @throws ArcLlmValidationException naming the field, if there are no messages, a message, tool or
     *     stop sequence is null, two tools share a name, {@code maxTokens < 1}, the temperature is
     *     negative or not finite, a stop sequence is empty, the tool choice requires a tool that is not given,
     *     or the timeout is zero or negative
     */
    public LlmRequest {
        messages = Checks.copyWithoutNulls(messages, "messages");
        if (messages.isEmpty()) {
            throw new ArcLlmValidationException("messages", "must not be empty: give at least one message");
        }
        tools = Checks.copyWithoutNulls(tools, "tools");
        checkUniqueNames(tools);
        if (maxTokens != null && maxTokens < 1) {
            throw new ArcLlmValidationException("maxTokens", "must be >= 1, was " + maxTokens);
        }
        if (temperature != null && !(Double.isFinite(temperature) && temperature >= 0)) {
            throw new ArcLlmValidationException("temperature", "must be a finite number >= 0, was " + temperature);
        }
        stopSequences = Checks.copyWithoutNulls(stopSequences, "stopSequences");
        for (int i = 0; i < stopSequences.size(); i++) {
            Checks.notEmpty(stopSequences.get(i), "stopSequences[" + i + "]");
        }
        extras = Immutables.copyOf(extras);
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            throw new ArcLlmValidationException("timeout", "must be > 0, was " + timeout);
        }
        requireChoosableTool(toolChoice, tools);
    }

    private static void requireChoosableTool(@Nullable ToolChoice toolChoice, List<Tool> tools) {
        if (toolChoice == null) {
            return;
        }
        if (toolChoice.type() == ToolChoice.Type.REQUIRED && tools.isEmpty()) {
            throw new ArcLlmValidationException("toolChoice", "'required' needs at least one tool in tools");
        }
        if (toolChoice.type() == ToolChoice.Type.TOOL
                && tools.stream().noneMatch(tool -> tool.name().equals(toolChoice.name()))) {
            throw new ArcLlmValidationException("toolChoice.name", "must name one of the tools, was "
                    + Checks.shown(toolChoice.name()));
        }
    }

    private static void checkUniqueNames(List<Tool> tools) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < tools.size(); i++) {
            Integer first = seen.putIfAbsent(tools.get(i).name(), i);
            if (first != null) {
                throw new ArcLlmValidationException("tools[" + i + "].name",
                        "must be unique, " + Checks.shown(tools.get(i).name()) + " is also the name of tools[" + first + "]");
            }
        }
    }

    /** A request of these messages with default options. */
    public static LlmRequest of(List<Message> messages) {
        return builder().messages(messages).build();
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder pre-filled with this request, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder().messages(messages).tools(tools).maxTokens(maxTokens).temperature(temperature)
                .stopSequences(stopSequences).extras(extras).toolChoice(toolChoice).responseFormat(responseFormat)
                .timeout(timeout);
    }

    /** Builds {@link LlmRequest}s. Not thread-safe. */
    public static final class Builder {
        private List<Message> messages = new ArrayList<>();
        private List<Tool> tools = List.of();
        private @Nullable Integer maxTokens;
        private @Nullable Double temperature;
        private List<String> stopSequences = List.of();
        private Map<String, Object> extras = Map.of();
        private @Nullable Duration timeout;
        private @Nullable ToolChoice toolChoice;
        private @Nullable ResponseFormat responseFormat;

        private Builder() {
        }

        /** Replaces the messages. */
        public Builder messages(List<Message> messages) {
            this.messages = new ArrayList<>(messages);
            return this;
        }

        /** Appends one message. */
        public Builder message(Message message) {
            this.messages.add(message);
            return this;
        }

        /** Replaces the tools. */
        public Builder tools(List<Tool> tools) {
            this.tools = tools;
            return this;
        }

        /** Sets the answer's token limit; null for the model's default. */
        public Builder maxTokens(@Nullable Integer maxTokens) {
            this.maxTokens = maxTokens;
            return this;
        }

        /** Sets the sampling temperature; null for the provider's default. */
        public Builder temperature(@Nullable Double temperature) {
            this.temperature = temperature;
            return this;
        }

        /** Replaces the stop sequences. */
        public Builder stopSequences(List<String> stopSequences) {
            this.stopSequences = stopSequences;
            return this;
        }

        /** Replaces the provider-specific extras. */
        public Builder extras(Map<String, Object> extras) {
            this.extras = extras;
            return this;
        }

        /**
         * Sets this call's deadline across all its retries and fallbacks ({@code > 0}); null for the configured
         * default. See {@link LlmRequest#timeout()}.
         */
        public Builder timeout(@Nullable Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** Sets whether and which tool the model must call; null for the provider's default. */
        public Builder toolChoice(@Nullable ToolChoice toolChoice) {
            this.toolChoice = toolChoice;
            return this;
        }

        /** Sets the JSON Schema the answer must match; null for free text. */
        public Builder responseFormat(@Nullable ResponseFormat responseFormat) {
            this.responseFormat = responseFormat;
            return this;
        }

        /** @throws ArcLlmValidationException as the record's constructor does */
        public LlmRequest build() {
            return new LlmRequest(messages, tools, maxTokens, temperature, stopSequences, extras, toolChoice,
                    responseFormat, timeout);
        }
    }
}
