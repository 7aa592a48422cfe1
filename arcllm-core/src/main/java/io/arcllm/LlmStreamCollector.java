package io.arcllm;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Collects the events of a stream into the {@link LlmResponse} that {@code invoke} gives for the same answer:
 * the text deltas joined into the content (null when there were none), thinking deltas into thinking blocks
 * (each ended by the delta that carries its signature) and the joined thinking, completed tool calls in order,
 * the last usage reported (no tokens if none was), the model from {@link LlmStreamEvent.Start} and the stop
 * reason. The response's {@code raw} is null.
 *
 * <p>Not thread-safe: feed it from one stream ({@link #collect(Flux)} does).
 */
public final class LlmStreamCollector {

    private final StringBuilder text = new StringBuilder();
    private boolean hasText;
    private final List<ThinkingBlock> thinkingBlocks = new ArrayList<>();
    private @Nullable StringBuilder openThinking;
    private final List<ToolCall> toolCalls = new ArrayList<>();
    private Usage usage = Usage.empty();
    private String model = "unknown";
    private @Nullable StopReason stopReason;
    private boolean hasContent;

    /** The response of a whole stream; errors as the stream does, or with {@link IllegalStateException} if it ends without a stop event. */
    public static Mono<LlmResponse> collect(Flux<LlmStreamEvent> events) {
        return Mono.defer(() -> {
            LlmStreamCollector collector = new LlmStreamCollector();
            return events.doOnNext(collector::accept).then(Mono.fromCallable(collector::response));
        });
    }

    /** Adds one event. */
    public void accept(LlmStreamEvent event) {
        Objects.requireNonNull(event, "event");
        hasContent |= event.isContent();
        if (!(event instanceof LlmStreamEvent.ThinkingDelta)) {
            closeThinking(null);
        }
        if (event instanceof LlmStreamEvent.Start start) {
            model = start.model();
        } else if (event instanceof LlmStreamEvent.TextDelta delta) {
            text.append(delta.text());
            hasText = true;
        } else if (event instanceof LlmStreamEvent.ThinkingDelta delta) {
            if (openThinking == null) {
                openThinking = new StringBuilder();
            }
            openThinking.append(delta.text());
            if (delta.signature() != null) {
                closeThinking(delta.signature());
            }
        } else if (event instanceof LlmStreamEvent.ToolCallCompleted completed) {
            toolCalls.add(completed.call());
        } else if (event instanceof LlmStreamEvent.UsageReported reported) {
            usage = reported.usage();
        } else if (event instanceof LlmStreamEvent.Stop stop) {
            stopReason = stop.stopReason();
        }
    }

    private void closeThinking(@Nullable String signature) {
        if (openThinking != null) {
            thinkingBlocks.add(new ThinkingBlock(openThinking.toString(), signature));
            openThinking = null;
        }
    }

    /** Whether a content event (text, thinking or tool call) was added. */
    public boolean hasContent() {
        return hasContent;
    }

    /** Whether the stop event was added. */
    public boolean isComplete() {
        return stopReason != null;
    }

    /**
     * The response of the complete stream.
     *
     * @throws IllegalStateException if no stop event was added
     */
    public LlmResponse response() {
        if (stopReason == null) {
            throw new IllegalStateException("the stream ended without a stop event");
        }
        return build(stopReason);
    }

    /**
     * What was collected so far, for a stream that failed: text and thinking so far, completed tool calls only,
     * the last usage reported. Its stop reason is the one received, else {@link StopReason#MAX_TOKENS} (like an
     * answer cut at the token limit, it is incomplete).
     */
    public LlmResponse partialResponse() {
        return build(stopReason != null ? stopReason : StopReason.MAX_TOKENS);
    }

    private LlmResponse build(StopReason reason) {
        List<ThinkingBlock> blocks = new ArrayList<>(thinkingBlocks);
        if (openThinking != null) {
            blocks.add(new ThinkingBlock(openThinking.toString(), null));
        }
        return new LlmResponse(hasText ? text.toString() : null, toolCalls, usage, model, reason,
                ThinkingBlock.joined(blocks), null, blocks);
    }
}
