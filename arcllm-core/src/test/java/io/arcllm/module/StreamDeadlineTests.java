package io.arcllm.module;

import io.arcllm.module.internal.DeadlineModule;
import io.arcllm.module.internal.FallbackModule;
import io.arcllm.module.internal.RetryModule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import io.arcllm.ArcLlmApiException;
import io.arcllm.ArcLlmStreamInterruptedException;
import io.arcllm.ArcLlmTimeoutException;
import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.LlmStreamEvent;
import io.arcllm.Message;
import io.arcllm.StopReason;
import io.arcllm.config.FallbackConfig;
import io.arcllm.config.RetryConfig;
import io.arcllm.internal.CallDeadline;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The call's deadline bounds a whole stream, in virtual time: across retries and fallbacks before the first event
 * and after it, with a request's own timeout as with a configured one.
 */
class StreamDeadlineTests {

    private static final LlmRequest REQUEST = LlmRequest.of(List.of(Message.user("hi")));
    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final LlmStreamEvent START = new LlmStreamEvent.Start("m");

    /** A provider whose stream attempts are given by {@code attempts}, counting them and their cancellations. */
    private static final class StreamingFake implements LlmProvider {
        final String id;
        final Function<Integer, Flux<LlmStreamEvent>> attempts;
        final AtomicInteger calls = new AtomicInteger();
        final AtomicBoolean cancelled = new AtomicBoolean();
        final AtomicReference<Duration> leftAtLastAttempt = new AtomicReference<>();

        StreamingFake(String id, Function<Integer, Flux<LlmStreamEvent>> attempts) {
            this.id = id;
            this.attempts = attempts;
        }

        @Override
        public String name() {
            return id;
        }

        @Override
        public String modelName() {
            return "m";
        }

        @Override
        public Mono<LlmResponse> invoke(LlmRequest request) {
            return Mono.error(new UnsupportedOperationException("stream only"));
        }

        @Override
        public Flux<LlmStreamEvent> stream(LlmRequest request) {
            return Flux.deferContextual(context -> {
                leftAtLastAttempt.set(CallDeadline.cap(Duration.ofHours(1), context));
                CallDeadline deadline = CallDeadline.of(context);
                if (deadline != null) {
                    deadline.onAttempt(id); // as the adapters do
                }
                return attempts.apply(calls.getAndIncrement()).doOnCancel(() -> cancelled.set(true));
            });
        }
    }

    /** Start, then a text delta every second, forever. */
    private static Flux<LlmStreamEvent> tokenPerSecond() {
        return Flux.concat(Flux.just(START),
                Flux.interval(Duration.ofSeconds(1)).map(i -> (LlmStreamEvent) new LlmStreamEvent.TextDelta("t" + i)));
    }

    private static Flux<LlmStreamEvent> overloadedAfter(Duration delay) {
        return Flux.<LlmStreamEvent>error(new ArcLlmApiException(529, "", "anthropic")).delaySubscription(delay);
    }

    private static RetryModule retry(LlmProvider inner) {
        return new RetryModule(RetryConfig.defaults(), inner, null, JitterSource.none());
    }

    private static void assertDeadline(Throwable error, Duration timeout) {
        assertThat(error).isInstanceOfSatisfying(ArcLlmTimeoutException.class, deadline -> {
            assertThat(deadline.isDeadline()).isTrue();
            assertThat(deadline.timeout()).isEqualTo(timeout);
        });
    }

    /** After content: an interruption holding what was delivered, the deadline as its cause. */
    private static void assertInterruptedByDeadline(Throwable error, Duration timeout, String provider, String partialText) {
        assertThat(error).isInstanceOfSatisfying(ArcLlmStreamInterruptedException.class, interrupted -> {
            assertThat(interrupted.provider()).isEqualTo(provider);
            assertThat(interrupted.partialResponse().content()).isEqualTo(partialText);
            assertDeadline(interrupted.getCause(), timeout);
        });
    }

    @Test
    void aDeadlinePassingMidStreamKeepsWhatWasDeliveredAndEndsWithAnInterruptionCausedByTheDeadline() {
        StreamingFake provider = new StreamingFake("anthropic", attempt -> tokenPerSecond());

        StepVerifier.withVirtualTime(() -> new DeadlineModule(retry(provider), Duration.ofMillis(3500), null).stream(REQUEST))
                .thenAwait(Duration.ofMillis(3499))
                .expectNext(START, new LlmStreamEvent.TextDelta("t0"), new LlmStreamEvent.TextDelta("t1"),
                        new LlmStreamEvent.TextDelta("t2"))
                .thenAwait(Duration.ofMillis(1))
                .expectErrorSatisfies(error -> assertInterruptedByDeadline(error, Duration.ofMillis(3500), "anthropic", "t0t1t2"))
                .verify(BOUND);
        assertThat(provider.cancelled).as("the stream in flight is cancelled").isTrue();
        assertThat(provider.calls).as("never retried after content").hasValue(1);
    }

    @Test
    void retriesBeforeTheFirstEventGetOnlyTheTimeThatRemainsAndTheDeadlineEndsThem() {
        // Attempt 1 fails before content after 1 s; retry waits 1 s; attempt 2 sends nothing at all.
        StreamingFake provider = new StreamingFake("anthropic",
                attempt -> attempt == 0 ? overloadedAfter(Duration.ofSeconds(1)) : Flux.never());

        StepVerifier.withVirtualTime(() -> new DeadlineModule(retry(provider), Duration.ofSeconds(5), null).stream(REQUEST))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(4999))
                .thenAwait(Duration.ofMillis(1))
                .expectErrorSatisfies(error -> assertDeadline(error, Duration.ofSeconds(5)))
                .verify(BOUND);
        assertThat(provider.calls).hasValue(2);
        assertThat(provider.leftAtLastAttempt.get()).as("time left for the retry").isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aStreamRetryNeverStartsAWaitPastTheDeadline() {
        ArcLlmApiException last = new ArcLlmApiException(529, "", "anthropic");
        StreamingFake provider = new StreamingFake("anthropic", attempt -> attempt < 2
                ? overloadedAfter(Duration.ZERO) : Flux.<LlmStreamEvent>error(last));

        // Waits 1 s and 2 s fit in 5 s; the third (4 s) would end past it: the last error, at 3 s, not a deadline.
        StepVerifier.withVirtualTime(() -> new DeadlineModule(retry(provider), Duration.ofSeconds(5), null).stream(REQUEST))
                .thenAwait(Duration.ofSeconds(3))
                .expectErrorSatisfies(error -> assertThat(error).isSameAs(last))
                .verify(BOUND);
        assertThat(provider.calls).hasValue(3);
    }

    @Test
    void aFallbackStreamGetsTheTimeThatRemainsAndIsCutAtTheDeadline() {
        StreamingFake primary = new StreamingFake("anthropic", attempt -> overloadedAfter(Duration.ofSeconds(2)));
        StreamingFake fallback = new StreamingFake("openai", attempt -> tokenPerSecond());
        FallbackModule module = new FallbackModule(FallbackConfig.builder().chain("openai").build(), primary,
                id -> new BaseModule(fallback) {
                    @Override
                    public void close() {
                    }
                });

        StepVerifier.withVirtualTime(() -> new DeadlineModule(module, Duration.ofMillis(4500), null).stream(REQUEST))
                .thenAwait(Duration.ofMillis(4499))
                .expectNext(START, new LlmStreamEvent.TextDelta("t0"), new LlmStreamEvent.TextDelta("t1"))
                .thenAwait(Duration.ofMillis(1))
                .expectErrorSatisfies(error -> assertInterruptedByDeadline(error, Duration.ofMillis(4500), "openai", "t0t1"))
                .verify(BOUND);
        assertThat(fallback.leftAtLastAttempt.get()).isEqualTo(Duration.ofMillis(2500));
        assertThat(fallback.cancelled).isTrue();
    }

    @Test
    void aRequestsOwnTimeoutBoundsAStreamWithoutADeadlineModule() {
        // Retry alone (no deadline configured anywhere): the request's timeout starts the deadline at the retry module.
        StreamingFake provider = new StreamingFake("anthropic",
                attempt -> attempt == 0 ? overloadedAfter(Duration.ofMillis(500)) : tokenPerSecond());
        LlmRequest hurried = REQUEST.toBuilder().timeout(Duration.ofSeconds(3)).build();

        StepVerifier.withVirtualTime(() -> retry(provider).stream(hurried))
                .thenAwait(Duration.ofMillis(2999))
                .expectNext(START, new LlmStreamEvent.TextDelta("t0"))
                .thenAwait(Duration.ofMillis(1))
                .expectErrorSatisfies(error -> assertInterruptedByDeadline(error, Duration.ofSeconds(3), "anthropic", "t0"))
                .verify(BOUND);
        assertThat(provider.leftAtLastAttempt.get()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void aStreamThatEndsInTimeIsUntouched() {
        StreamingFake provider = new StreamingFake("anthropic", attempt -> tokenPerSecond().take(3)
                .concatWith(Flux.just(new LlmStreamEvent.Stop(StopReason.END_TURN))));

        StepVerifier.withVirtualTime(() -> new DeadlineModule(retry(provider), Duration.ofSeconds(30), null).stream(REQUEST))
                .thenAwait(Duration.ofSeconds(2))
                .expectNextCount(4)
                .expectComplete()
                .verify(BOUND);
    }

    @Test
    void aCallWithoutAnyTimeoutStreamsUnbounded() {
        StreamingFake provider = new StreamingFake("anthropic", attempt -> tokenPerSecond().take(4));
        DeadlineModule module = new DeadlineModule(provider, null, null);

        StepVerifier.withVirtualTime(() -> module.stream(REQUEST))
                .thenAwait(Duration.ofHours(3))
                .expectNextCount(4)
                .expectComplete()
                .verify(BOUND);
    }
}
