package io.arcllm.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.arcllm.ArcLlmApiException;
import io.arcllm.ArcLlmStreamInterruptedException;
import io.arcllm.LlmRequest;
import io.arcllm.LlmStreamEvent;
import io.arcllm.LlmStreamEvent.Start;
import io.arcllm.LlmStreamEvent.Stop;
import io.arcllm.LlmStreamEvent.TextDelta;
import io.arcllm.LlmStreamEvent.UsageReported;
import io.arcllm.Message;
import io.arcllm.StopReason;
import io.arcllm.Usage;
import io.arcllm.internal.StreamCommit;
import io.arcllm.module.internal.RequestDefaultsModule;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** The commit rule every stream attempt follows: nothing out before content, no retryable error after it. */
class StreamCommitTests {

    private static final ArcLlmApiException OVERLOADED = new ArcLlmApiException(529, "overloaded_error", "p");

    @Test
    void anErrorBeforeContentLeavesTheSubscriberUntouched() {
        Flux<LlmStreamEvent> attempt = Flux.concat(Flux.just(new Start("m"), new UsageReported(new Usage(1, 0))),
                Flux.error(OVERLOADED));

        StepVerifier.create(StreamCommit.guard("p", attempt))
                .expectErrorSatisfies(e -> assertThat(e).isSameAs(OVERLOADED))
                .verify(java.time.Duration.ofSeconds(5));
    }

    @Test
    void heldEventsGoOutJustBeforeTheFirstContentWithOnlyTheLatestUsage() {
        Flux<LlmStreamEvent> attempt = Flux.just(new Start("m"), new UsageReported(new Usage(1, 0)),
                new UsageReported(new Usage(1, 1)), new TextDelta("Hi"), new Stop(StopReason.END_TURN));

        StepVerifier.create(StreamCommit.guard("p", attempt))
                .expectNext(new Start("m"), new UsageReported(new Usage(1, 1)), new TextDelta("Hi"), new Stop(StopReason.END_TURN))
                .expectComplete().verify(java.time.Duration.ofSeconds(5));
    }

    @Test
    void anAnswerWithoutContentIsReleasedWhenItEnds() {
        StepVerifier.create(StreamCommit.guard("p", Flux.just(new Start("m"), new Stop(StopReason.END_TURN))))
                .expectNext(new Start("m"), new Stop(StopReason.END_TURN))
                .expectComplete().verify(java.time.Duration.ofSeconds(5));
    }

    @Test
    void anErrorAfterContentBecomesAnInterruptionCarryingThePartialAnswer() {
        Flux<LlmStreamEvent> attempt = Flux.concat(Flux.just(new Start("m"), new TextDelta("Hel")), Flux.error(OVERLOADED));

        StepVerifier.create(StreamCommit.guard("p", attempt))
                .expectNext(new Start("m"), new TextDelta("Hel"))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(ArcLlmStreamInterruptedException.class).hasCause(OVERLOADED);
                    assertThat(((ArcLlmStreamInterruptedException) e).partialResponse().content()).isEqualTo("Hel");
                    assertThat(((ArcLlmStreamInterruptedException) e).provider()).isEqualTo("p");
                })
                .verify(java.time.Duration.ofSeconds(5));
    }

    @Test
    void anErrorWaitsBehindTheEventsReceivedBeforeItForASlowSubscriber() {
        Flux<LlmStreamEvent> attempt = Flux.concat(Flux.just(new Start("m"), new TextDelta("Hel")), Flux.error(OVERLOADED));

        StepVerifier.create(StreamCommit.guard("p", attempt), 1)
                .expectNext(new Start("m"))
                .thenRequest(1)
                .expectNext(new TextDelta("Hel"))
                .thenRequest(1) // the error comes as the next signal
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(ArcLlmStreamInterruptedException.class).hasCause(OVERLOADED);
                    assertThat(((ArcLlmStreamInterruptedException) e).partialResponse().content()).isEqualTo("Hel");
                })
                .verify(java.time.Duration.ofSeconds(5));
    }

    @Test
    void aSubscriberRequestingOneAtATimeGetsEveryEventThenTheInterruption() {
        Flux<LlmStreamEvent> attempt = Flux.concat(Flux.just(new Start("m"), new UsageReported(new Usage(1, 0)),
                new TextDelta("Hel"), new TextDelta("lo")), Flux.error(OVERLOADED));

        StepVerifier.create(StreamCommit.guard("p", attempt).limitRate(1), 1)
                .expectNext(new Start("m")).thenRequest(1)
                .expectNext(new UsageReported(new Usage(1, 0))).thenRequest(1)
                .expectNext(new TextDelta("Hel")).thenRequest(1)
                .expectNext(new TextDelta("lo")).thenRequest(1)
                .expectError(ArcLlmStreamInterruptedException.class)
                .verify(java.time.Duration.ofSeconds(5));
    }

    @Test
    void requestDefaultsApplyToStreamsToo() {
        RecordingProvider inner = new RecordingProvider();
        new RequestDefaultsModule(inner, 123, 0.5).stream(LlmRequest.of(List.of(Message.user("hi")))).blockLast();

        assertThat(inner.streamed.maxTokens()).isEqualTo(123);
        assertThat(inner.streamed.temperature()).isEqualTo(0.5);
    }

    private static final class RecordingProvider implements io.arcllm.LlmProvider {
        LlmRequest streamed;

        @Override
        public String name() {
            return "p";
        }

        @Override
        public String modelName() {
            return "m";
        }

        @Override
        public reactor.core.publisher.Mono<io.arcllm.LlmResponse> invoke(LlmRequest request) {
            return reactor.core.publisher.Mono.error(new AssertionError("invoke must not be called by stream"));
        }

        @Override
        public Flux<LlmStreamEvent> stream(LlmRequest request) {
            streamed = request;
            return Flux.just(new Start("m"), new Stop(StopReason.END_TURN));
        }
    }
}
