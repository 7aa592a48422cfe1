package io.arcllm.module;

import io.arcllm.module.internal.DeadlineModule;
import io.arcllm.module.internal.FallbackModule;
import io.arcllm.module.internal.RetryModule;
import io.arcllm.module.internal.RetryableErrors;
import static io.arcllm.module.FakeProvider.OK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.arcllm.ArcLlmApiException;
import io.arcllm.ArcLlmConfigException;
import io.arcllm.ArcLlmTimeoutException;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.Message;
import io.arcllm.config.FallbackConfig;
import io.arcllm.config.RetryConfig;
import io.arcllm.internal.CallDeadline;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** One deadline per call, across retries and fallbacks, in virtual time. */
class DeadlineModuleTests {

    private static final LlmRequest REQUEST = LlmRequest.of(List.of(Message.user("hi")));
    /** How long a verification may take in real time before it fails rather than hangs. */
    private static final Duration BOUND = Duration.ofSeconds(10);

    private static ArcLlmApiException overloaded() {
        return new ArcLlmApiException(529, "", "anthropic");
    }

    @Test
    void retryGivesUpWithTheLastErrorRatherThanStartAWaitPastTheDeadline() {
        ArcLlmApiException last = overloaded();
        FakeProvider inner = FakeProvider.scripted("anthropic", overloaded(), overloaded(), last, OK);

        try (LogCapture logs = LogCapture.modules()) {
            StepVerifier.withVirtualTime(() -> new DeadlineModule(new RetryModule(RetryConfig.defaults(), inner, null,
                            JitterSource.none()), Duration.ofSeconds(5), null).invoke(REQUEST))
                    .thenAwait(Duration.ofSeconds(3))
                    .expectErrorSatisfies(error -> assertThat(error).isSameAs(last))
                .verify(BOUND);

            assertThat(logs.lines()).last().isEqualTo("ERROR [anthropic] giving up after 3 attempt(s): the next wait "
                    + "(4.00s) would pass the call's deadline: anthropic API error: HTTP 529");
        }
        assertThat(inner.invocations()).isEqualTo(3);
        assertThat(inner.waits()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void whenTheDeadlinePassesMidAttemptTheCallerGetsATimeoutNamingItAndTheAttemptIsCancelled() {
        AtomicBoolean cancelled = new AtomicBoolean();
        FakeProvider inner = FakeProvider.answering("anthropic",
                request -> Mono.<LlmResponse>never().doOnCancel(() -> cancelled.set(true)));

        StepVerifier.withVirtualTime(() -> new DeadlineModule(inner, Duration.ofSeconds(30), null).invoke(REQUEST))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(29_999))
                .thenAwait(Duration.ofMillis(1))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(ArcLlmTimeoutException.class, t -> {
                    assertThat(t.isDeadline()).isTrue();
                    assertThat(t.timeout()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(t.getMessage()).startsWith("deadline of 30s passed after ");
                }))
                .verify(BOUND);
        assertThat(cancelled).isTrue();
    }

    @Test
    void aFallbackGetsOnlyTheTimeThatRemains() {
        AtomicReference<Duration> leftForFallback = new AtomicReference<>();
        FakeProvider primary = FakeProvider.answering("anthropic",
                request -> Mono.<LlmResponse>error(overloaded()).delaySubscription(Duration.ofSeconds(2)));
        FallbackModule fallback = new FallbackModule(FallbackConfig.builder().chain("openai").build(), primary,
                (id, excluded) -> FakeProvider.answering(id, request -> Mono.deferContextual(context -> {
                    leftForFallback.set(CallDeadline.cap(Duration.ofSeconds(60), context));
                    return Mono.never();
                })));

        StepVerifier.withVirtualTime(() -> new DeadlineModule(fallback, Duration.ofSeconds(5), null).invoke(REQUEST))
                .thenAwait(Duration.ofSeconds(5))
                .expectErrorSatisfies(error -> assertThat(((ArcLlmTimeoutException) error).isDeadline()).isTrue())
                .verify(BOUND);
        assertThat(leftForFallback.get()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void theRequestsOwnTimeoutWinsOverTheDefault() {
        FakeProvider inner = FakeProvider.answering("anthropic", request -> Mono.never());
        LlmRequest hurried = REQUEST.toBuilder().timeout(Duration.ofMillis(1500)).build();

        StepVerifier.withVirtualTime(() -> new DeadlineModule(inner, Duration.ofSeconds(60), null).invoke(hurried))
                .thenAwait(Duration.ofMillis(1500))
                .expectErrorSatisfies(error -> assertThat(error).hasMessageStartingWith("deadline of 1.5s passed"))
                .verify(BOUND);
    }

    @Test
    void withoutAnyTimeoutACallIsNotLimited() {
        FakeProvider inner = FakeProvider.answering("anthropic",
                request -> Mono.just(OK).delaySubscription(Duration.ofHours(2)));

        StepVerifier.withVirtualTime(() -> new DeadlineModule(inner, null, null).invoke(REQUEST))
                .thenAwait(Duration.ofHours(2))
                .expectNext(OK)
                .expectComplete()
                .verify(BOUND);
    }

    @Test
    void aNestedStackKeepsTheOuterCallsDeadline() {
        FakeProvider inner = FakeProvider.answering("openai", request -> Mono.never());
        DeadlineModule nested = new DeadlineModule(inner, Duration.ofMinutes(10), null);

        StepVerifier.withVirtualTime(() -> new DeadlineModule(nested, Duration.ofSeconds(2), null).invoke(REQUEST))
                .thenAwait(Duration.ofSeconds(2))
                .expectErrorSatisfies(error -> assertThat(((ArcLlmTimeoutException) error).timeout()).isEqualTo(Duration.ofSeconds(2)))
                .verify(BOUND);
    }

    @Test
    void aCallersOwnTimeoutStillCancelsEverythingBelow() {
        AtomicBoolean cancelled = new AtomicBoolean();
        FakeProvider inner = FakeProvider.answering("anthropic",
                request -> Mono.<LlmResponse>never().doOnCancel(() -> cancelled.set(true)));

        StepVerifier.withVirtualTime(() -> new DeadlineModule(inner, Duration.ofSeconds(30), null).invoke(REQUEST)
                        .timeout(Duration.ofSeconds(1)))
                .thenAwait(Duration.ofSeconds(1))
                .expectError(java.util.concurrent.TimeoutException.class)
                .verify(BOUND);
        assertThat(cancelled).isTrue();
    }

    @Test
    void aPassedDeadlineIsNeitherRetriedNorAProviderFailure() {
        ArcLlmTimeoutException deadline = ArcLlmTimeoutException.deadline(Duration.ofSeconds(5), 3,
                List.of("anthropic", "openai"), null);

        assertThat(deadline.getMessage()).isEqualTo("deadline of 5s passed after 3 attempt(s) on anthropic, openai");
        assertThat(deadline.attempts()).isEqualTo(3);
        assertThat(deadline.providers()).containsExactly("anthropic", "openai");
        assertThat(RetryableErrors.isRetryable(deadline, RetryConfig.DEFAULT_RETRYABLE_STATUS_CODES)).isFalse();
        assertThat(RetryableErrors.isRetryable(new ArcLlmTimeoutException("anthropic", "read", Duration.ofSeconds(60), null),
                RetryConfig.DEFAULT_RETRYABLE_STATUS_CODES)).isTrue();
    }

    @Test
    void badTimeoutsAreRejected() {
        assertThatThrownBy(() -> new DeadlineModule(FakeProvider.scripted(), Duration.ZERO, null))
                .isInstanceOf(ArcLlmConfigException.class).hasMessage("timeout must be > 0, was PT0S");
        assertThatThrownBy(() -> REQUEST.toBuilder().timeout(Duration.ofSeconds(-1)).build())
                .isInstanceOf(io.arcllm.ArcLlmValidationException.class).hasMessageContaining("timeout").hasMessageContaining("PT-1S");
    }
}
