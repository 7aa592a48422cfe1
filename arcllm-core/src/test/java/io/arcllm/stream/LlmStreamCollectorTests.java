package io.arcllm.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.LlmStreamCollector;
import io.arcllm.LlmStreamEvent;
import io.arcllm.LlmStreamEvent.Start;
import io.arcllm.LlmStreamEvent.Stop;
import io.arcllm.LlmStreamEvent.TextDelta;
import io.arcllm.LlmStreamEvent.ThinkingDelta;
import io.arcllm.LlmStreamEvent.ToolCallCompleted;
import io.arcllm.LlmStreamEvent.ToolCallStarted;
import io.arcllm.LlmStreamEvent.UsageReported;
import io.arcllm.Message;
import io.arcllm.StopReason;
import io.arcllm.ThinkingBlock;
import io.arcllm.ToolCall;
import io.arcllm.Usage;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class LlmStreamCollectorTests {

    private static final ToolCall CALL = new ToolCall("t1", "calc", Map.of("expression", "1+1"));

    @Test
    void collectsThinkingBlocksTextToolCallsLastUsageAndStop() {
        Flux<LlmStreamEvent> events = Flux.just(new Start("m"), new UsageReported(new Usage(5, 1)),
                new ThinkingDelta("a", null), new ThinkingDelta("b", null), new ThinkingDelta("", "s1"),
                new ThinkingDelta("c", null), new ThinkingDelta("", "s2"),
                new TextDelta("Hel"), new TextDelta("lo"),
                new ToolCallStarted(0, "t1", "calc"), new ToolCallCompleted(0, CALL),
                new UsageReported(new Usage(5, 9)), new Stop(StopReason.TOOL_USE));

        LlmResponse response = LlmStreamCollector.collect(events).block();

        assertThat(response).isEqualTo(new LlmResponse("Hello", List.of(CALL), new Usage(5, 9), "m", StopReason.TOOL_USE,
                "ab\n\nc", null, List.of(new ThinkingBlock("ab", "s1"), new ThinkingBlock("c", "s2"))));
        assertThat(Message.assistant(response).content()).containsExactly(new ThinkingBlock("ab", "s1"),
                new ThinkingBlock("c", "s2"), new io.arcllm.TextBlock("Hello"), io.arcllm.ToolUseBlock.of(CALL));
    }

    @Test
    void anAnswerWithoutTextHasNullContentAndNoUsageMeansNoTokens() {
        LlmResponse response = LlmStreamCollector.collect(Flux.just(new Start("m"), new Stop(StopReason.END_TURN))).block();
        assertThat(response.content()).isNull();
        assertThat(response.usage()).isEqualTo(Usage.empty());
    }

    @Test
    void aStreamEndingWithoutStopFails() {
        StepVerifier.create(LlmStreamCollector.collect(Flux.just(new Start("m"), new TextDelta("x"))))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalStateException.class).hasMessageContaining("stop"))
                .verify(java.time.Duration.ofSeconds(5));
    }

    @Test
    void thePartialResponseKeepsTextAndCompletedCallsOnly() {
        LlmStreamCollector collector = new LlmStreamCollector();
        List.of(new Start("m"), new TextDelta("Hi"), new ToolCallStarted(0, "t1", "calc"), new ToolCallCompleted(0, CALL),
                new ToolCallStarted(1, "t2", "calc")).forEach(collector::accept);

        assertThat(collector.isComplete()).isFalse();
        assertThat(collector.hasContent()).isTrue();
        assertThat(collector.partialResponse().content()).isEqualTo("Hi");
        assertThat(collector.partialResponse().toolCalls()).containsExactly(CALL);
        assertThatThrownBy(collector::response).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aProviderThatOnlyAnswersWholeStreamsItsResponseAsOneBurst() {
        LlmResponse whole = new LlmResponse("4", List.of(CALL), new Usage(2, 3), "m", StopReason.TOOL_USE, null, null);
        LlmProvider provider = new LlmProvider() {
            @Override
            public String name() {
                return "whole";
            }

            @Override
            public String modelName() {
                return "m";
            }

            @Override
            public Mono<LlmResponse> invoke(LlmRequest request) {
                return Mono.just(whole);
            }
        };

        assertThat(LlmStreamCollector.collect(provider.stream(LlmRequest.of(List.of(Message.user("2+2?"))))).block())
                .isEqualTo(whole);
    }
}
