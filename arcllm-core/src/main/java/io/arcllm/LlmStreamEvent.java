package io.arcllm;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.arcllm.internal.json.JsonRequired;
import org.jspecify.annotations.Nullable;

/**
 * One event of a streamed answer ({@link LlmProvider#stream(LlmRequest)}), normalized across providers.
 * A complete stream is:
 * <ol>
 *   <li>one {@link Start} (the model that answers);</li>
 *   <li>content events in the order the model produced them: {@link TextDelta}s, {@link ThinkingDelta}s (a
 *       thinking block ends with the delta that carries its signature), and per tool call one
 *       {@link ToolCallStarted}, its {@link ToolCallArgumentsDelta}s and one {@link ToolCallCompleted} with the
 *       parsed arguments;</li>
 *   <li>{@link UsageReported} events, each with the cumulative usage so far (the last one is final);</li>
 *   <li>exactly one {@link Stop}, the last event.</li>
 * </ol>
 * {@link LlmStreamCollector} turns the events into the {@link LlmResponse} that {@code invoke} gives for the same
 * answer. JSON form (what the sample app streams): a {@code "type"} discriminator ({@code start},
 * {@code text_delta}, {@code thinking_delta}, {@code tool_call_started}, {@code tool_call_arguments_delta},
 * {@code tool_call_completed}, {@code usage}, {@code stop}) and the record's fields in camelCase.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = LlmStreamEvent.Start.class, name = "start"),
        @JsonSubTypes.Type(value = LlmStreamEvent.TextDelta.class, name = "text_delta"),
        @JsonSubTypes.Type(value = LlmStreamEvent.ThinkingDelta.class, name = "thinking_delta"),
        @JsonSubTypes.Type(value = LlmStreamEvent.ToolCallStarted.class, name = "tool_call_started"),
        @JsonSubTypes.Type(value = LlmStreamEvent.ToolCallArgumentsDelta.class, name = "tool_call_arguments_delta"),
        @JsonSubTypes.Type(value = LlmStreamEvent.ToolCallCompleted.class, name = "tool_call_completed"),
        @JsonSubTypes.Type(value = LlmStreamEvent.UsageReported.class, name = "usage"),
        @JsonSubTypes.Type(value = LlmStreamEvent.Stop.class, name = "stop")
})
public sealed interface LlmStreamEvent {

    /**
     * Whether this event is answer content (text, thinking or a tool call). Until the first content event a
     * failed stream can be retried or fallen back without the caller seeing a repeated token; after it, it cannot.
     */
    @JsonIgnore
    default boolean isContent() {
        return false;
    }

    /**
     * The events a stream of {@code response} would carry: start, its thinking blocks, text, tool calls, usage,
     * stop. What {@link LlmProvider#stream(LlmRequest)} gives for a provider that can only answer whole.
     */
    static List<LlmStreamEvent> of(LlmResponse response) {
        List<LlmStreamEvent> events = new ArrayList<>();
        events.add(new Start(response.model()));
        for (ThinkingBlock block : response.thinkingBlocks()) {
            events.add(new ThinkingDelta(block.thinking(), block.signature()));
        }
        if (response.thinkingBlocks().isEmpty() && response.thinking() != null) {
            events.add(new ThinkingDelta(response.thinking(), null));
        }
        if (response.content() != null) {
            events.add(new TextDelta(response.content()));
        }
        for (int i = 0; i < response.toolCalls().size(); i++) {
            ToolCall call = response.toolCalls().get(i);
            events.add(new ToolCallStarted(i, call.id(), call.name()));
            events.add(new ToolCallCompleted(i, call));
        }
        events.add(new UsageReported(response.usage()));
        events.add(new Stop(response.stopReason()));
        return events;
    }

    /** The answer begins. @param model the model that answers, as the provider reports it */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Start(@JsonRequired String model) implements LlmStreamEvent {
        /** @throws NullPointerException if {@code model} is null */
        public Start {
            Objects.requireNonNull(model, "model");
        }
    }

    /** More answer text, to append to what came before. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TextDelta(@JsonRequired String text) implements LlmStreamEvent {
        /** @throws NullPointerException if {@code text} is null */
        public TextDelta {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public boolean isContent() {
            return true;
        }
    }

    /**
     * More visible reasoning. The delta that carries a {@code signature} (its text usually empty) ends the
     * thinking block; the signature is what the provider needs to accept the block back in the history.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ThinkingDelta(@JsonRequired String text, @Nullable String signature) implements LlmStreamEvent {
        /** @throws NullPointerException if {@code text} is null */
        public ThinkingDelta {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public boolean isContent() {
            return true;
        }
    }

    /**
     * The model starts a tool call.
     *
     * @param index the call's position among this answer's tool calls, from 0
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ToolCallStarted(int index, @JsonRequired String id, @JsonRequired String name) implements LlmStreamEvent {
        /** @throws NullPointerException if {@code id} or {@code name} is null */
        public ToolCallStarted {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
        }

        @Override
        public boolean isContent() {
            return true;
        }
    }

    /**
     * A fragment of a tool call's JSON arguments, as the model writes them; the fragments joined are the
     * arguments' JSON text. Useful to show progress; {@link ToolCallCompleted} gives them parsed.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ToolCallArgumentsDelta(int index, @JsonRequired String fragment) implements LlmStreamEvent {
        /** @throws NullPointerException if {@code fragment} is null */
        public ToolCallArgumentsDelta {
            Objects.requireNonNull(fragment, "fragment");
        }

        @Override
        public boolean isContent() {
            return true;
        }
    }

    /** A tool call is complete; {@code call} has its arguments parsed. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ToolCallCompleted(int index, @JsonRequired ToolCall call) implements LlmStreamEvent {
        /** @throws NullPointerException if {@code call} is null */
        public ToolCallCompleted {
            Objects.requireNonNull(call, "call");
        }

        @Override
        public boolean isContent() {
            return true;
        }
    }

    /** The token usage so far (cumulative, not a delta); the last one of a stream is the answer's usage. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record UsageReported(@JsonRequired Usage usage) implements LlmStreamEvent {
        /** @throws NullPointerException if {@code usage} is null */
        public UsageReported {
            Objects.requireNonNull(usage, "usage");
        }
    }

    /** The answer is complete; always the last event of a stream. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Stop(@JsonRequired StopReason stopReason) implements LlmStreamEvent {
        /** @throws NullPointerException if {@code stopReason} is null */
        public Stop {
            Objects.requireNonNull(stopReason, "stopReason");
        }
    }
}
