package io.arcllm.module;

import io.arcllm.module.internal.CircuitBreakerModule;
import io.arcllm.module.internal.RetryableErrors;
import static io.arcllm.module.FakeProvider.OK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import io.arcllm.internal.SchedulerClock;
import io.arcllm.ArcLlmApiException;
import io.arcllm.ArcLlmCircuitOpenException;
import io.arcllm.ArcLlmParseException;
import io.arcllm.ArcLlmTimeoutException;
import io.arcllm.ArcLlmTransportException;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.Message;
import io.arcllm.config.CircuitBreakerConfig;
import io.arcllm.config.RetryConfig;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The circuit breaker per attempt: what counts, failing fast while open, Retry-After, half-open probes. */
class CircuitBreakerModuleTests {

    private static final LlmRequest REQUEST = LlmRequest.of(List.of(Message.user("hi")));
    private static final CircuitBreakerConfig FOUR_CALLS = CircuitBreakerConfig.builder().minimumCalls(4)
            .failureRateThreshold(50).slidingWindow(Duration.ofSeconds(10)).openDuration(Duration.ofSeconds(30))
            .halfOpenCalls(2).build();

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

    private ProviderCircuit circuit(CircuitBreakerConfig config) {
        return new ProviderCircuit("anthropic", config,
                e -> RetryableErrors.isRetryable(e, RetryConfig.DEFAULT_RETRYABLE_STATUS_CODES), new SchedulerClock(time));
    }

    private static ArcLlmApiException status(int code) {
        return new ArcLlmApiException(code, "HTTP " + code, "anthropic");
    }

    private static Throwable failure(Mono<LlmResponse> call) {
        Throwable[] error = {null};
        StepVerifier.create(call).consumeErrorWith(e -> error[0] = e).verify(Duration.ofSeconds(5));
        return error[0];
    }

    /** Calls {@code module} {@code times} times, each to completion, ignoring the outcome. */
    private static void call(CircuitBreakerModule module, int times) {
        for (int i = 0; i < times; i++) {
            module.invoke(REQUEST).onErrorResume(e -> Mono.empty()).block();
        }
    }

    @Test
    void opensAfterMinimumCallsOfTransientFailuresThenFailsAtOnceWithoutCallingTheProvider() {
        FakeProvider provider = FakeProvider.answering("anthropic", request -> Mono.error(status(503)));
        CircuitBreakerModule module = new CircuitBreakerModule(circuit(FOUR_CALLS), provider);

        call(module, 4);
        Throwable refused = failure(module.invoke(REQUEST));

        assertThat(refused).isInstanceOfSatisfying(ArcLlmCircuitOpenException.class, open -> {
            assertThat(open.provider()).isEqualTo("anthropic");
            assertThat(open.retryIn()).isEqualTo(Duration.ofSeconds(30));
            assertThat(open.getMessage()).contains("anthropic", "open", "30.0s");
        });
        assertThat(provider.invocations()).isEqualTo(4);
        assertThat(module.circuit().state()).isEqualTo(ProviderCircuit.State.OPEN);
    }

    /** Seconds of outage, at 10 attempts a second after a minute of healthy ones, until the circuit opens. */
    private double secondsToOpenAfterSteadyTraffic(CircuitBreakerConfig config) {
        boolean[] down = {false};
        FakeProvider provider = FakeProvider.answering("anthropic",
                request -> down[0] ? Mono.error(status(503)) : Mono.just(OK));
        CircuitBreakerModule module = new CircuitBreakerModule(circuit(config), provider);
        for (int i = 0; i < 600; i++) {
            call(module, 1);
            time.advanceTimeBy(Duration.ofMillis(100));
        }
        down[0] = true;
        for (int i = 1; i <= 600; i++) {
            call(module, 1);
            if (module.circuit().state() == ProviderCircuit.State.OPEN) {
                return i / 10.0;
            }
            time.advanceTimeBy(Duration.ofMillis(100));
        }
        return Double.POSITIVE_INFINITY;
    }

    @Test
    void byDefaultAProviderThatGoesDownAfterSteadyTrafficIsCutOffWithinSeconds() {
        // The window's healthy attempts dilute the failures: the circuit opens once they match, half a window in.
        assertThat(secondsToOpenAfterSteadyTraffic(CircuitBreakerConfig.defaults())).isBetween(4.0, 6.0);
        assertThat(secondsToOpenAfterSteadyTraffic(CircuitBreakerConfig.builder().slidingWindow(Duration.ofSeconds(30)).build()))
                .as("a 30 s window").isBetween(14.0, 16.0);
    }

    @Test
    void aRefusalIsCheapYetKeepsItsMessageAndWhatIsAttachedToIt() {
        ArcLlmCircuitOpenException refused = new ArcLlmCircuitOpenException("anthropic", Duration.ofMillis(4_349));
        refused.addSuppressed(status(503));

        assertThat(refused.getMessage()).isEqualTo(
                "anthropic circuit breaker is open after repeated failures; call refused, probes resume in 4.3s");
        assertThat(new ArcLlmCircuitOpenException("openai", Duration.ofMillis(29_950)).getMessage()).endsWith(" in 30.0s");
        assertThat(refused.getStackTrace()).as("raised for every refused call: no stack trace to record").isEmpty();
        assertThat(refused.getSuppressed()).hasSize(1);
    }

    @Test
    void streamsCountTowardTheCircuitAndAreRefusedAtOnceWhileItIsOpen() {
        FakeProvider provider = FakeProvider.answering("anthropic", request -> Mono.error(status(503)));
        CircuitBreakerModule module = new CircuitBreakerModule(circuit(FOUR_CALLS), provider);

        for (int i = 0; i < 4; i++) {
            StepVerifier.create(module.stream(REQUEST)).expectError(ArcLlmApiException.class).verify(Duration.ofSeconds(5));
        }
        StepVerifier.create(module.stream(REQUEST)).expectError(ArcLlmCircuitOpenException.class).verify(Duration.ofSeconds(5));

        assertThat(provider.invocations()).as("the fifth stream was never sent").isEqualTo(4);
        assertThat(module.circuit().state()).isEqualTo(ProviderCircuit.State.OPEN);
    }

    @Test
    void transportErrorsAndTimeoutsCountAsFailures() {
        Supplier<Throwable>[] errors = new Supplier[] {
                () -> new ArcLlmTransportException("anthropic", new java.net.ConnectException("refused")),
                () -> new ArcLlmTimeoutException("anthropic", "read", Duration.ofSeconds(60), new java.util.concurrent.TimeoutException())};
        for (Supplier<Throwable> error : errors) {
            CircuitBreakerModule module = new CircuitBreakerModule(circuit(FOUR_CALLS),
                    FakeProvider.answering("anthropic", request -> Mono.error(error.get())));
            call(module, 4);
            assertThat(module.circuit().state()).isEqualTo(ProviderCircuit.State.OPEN);
        }
    }

    @Test
    void aBadRequestIsTheCallersFaultAndNeverOpensTheCircuit() {
        FakeProvider provider = FakeProvider.answering("anthropic", request -> Mono.error(status(400)));
        CircuitBreakerModule module = new CircuitBreakerModule(circuit(FOUR_CALLS), provider);

        call(module, 20);

        assertThat(module.circuit().state()).isEqualTo(ProviderCircuit.State.CLOSED);
        assertThat(failure(module.invoke(REQUEST))).isInstanceOf(ArcLlmApiException.class);
        assertThat(provider.invocations()).isEqualTo(21);
    }

    @Test
    void theProvidersShouldRetryVerdictDecidesWhatCountsBothWays() {
        ArcLlmApiException permanent503 = new ArcLlmApiException(503, "", "anthropic", null, false);
        CircuitBreakerModule notCounted = new CircuitBreakerModule(circuit(FOUR_CALLS),
                FakeProvider.answering("anthropic", request -> Mono.error(permanent503)));
        ArcLlmApiException transient400 = new ArcLlmApiException(400, "", "anthropic", null, true);
        CircuitBreakerModule counted = new CircuitBreakerModule(circuit(FOUR_CALLS),
                FakeProvider.answering("anthropic", request -> Mono.error(transient400)));

        call(notCounted, 10);
        call(counted, 4);

        assertThat(notCounted.circuit().state()).isEqualTo(ProviderCircuit.State.CLOSED);
        assertThat(counted.circuit().state()).isEqualTo(ProviderCircuit.State.OPEN);
    }

    @Test
    void errorsThatSayNothingAboutTheProviderAreNotCountedAtAll() {
        CircuitBreakerConfig allMustFail = FOUR_CALLS.toBuilder().minimumCalls(2).failureRateThreshold(100).build();
        CircuitBreakerModule module = new CircuitBreakerModule(circuit(allMustFail), FakeProvider.scripted("anthropic",
                status(503), new ArcLlmParseException("bad json", "{", null), new IllegalArgumentException("bad request"),
                status(503)));

        call(module, 4);

        // Had the parse error or the invalid request counted as successes, 2 of 4 would not reach 100 %.
        assertThat(module.circuit().state()).isEqualTo(ProviderCircuit.State.OPEN);
    }

    @Test
    void failuresOlderThanTheSlidingWindowAreForgotten() {
        CircuitBreakerModule module = new CircuitBreakerModule(circuit(FOUR_CALLS),
                FakeProvider.answering("anthropic", request -> Mono.error(status(529))));

        call(module, 3);
        time.advanceTimeBy(Duration.ofSeconds(11));
        call(module, 3);

        assertThat(module.circuit().state()).isEqualTo(ProviderCircuit.State.CLOSED);
        call(module, 1);
        assertThat(module.circuit().state()).isEqualTo(ProviderCircuit.State.OPEN);
    }

    @Test
    void theTimeUntilHalfOpenCountsDown() {
        CircuitBreakerModule module = new CircuitBreakerModule(circuit(FOUR_CALLS),
                FakeProvider.answering("anthropic", request -> Mono.error(status(503))));
        call(module, 4);

        time.advanceTimeBy(Duration.ofSeconds(12));

        assertThat(module.circuit().untilHalfOpen()).isEqualTo(Duration.ofSeconds(18));
        assertThat(((ArcLlmCircuitOpenException) failure(module.invoke(REQUEST))).retryIn()).isEqualTo(Duration.ofSeconds(18));
    }

    @Test
    void afterTheOpenDurationProbesGoThroughAndCloseTheCircuitWhenTheyAnswer() {
        FakeProvider provider = FakeProvider.scripted("anthropic", status(503), status(503), status(503), status(503), OK, OK, OK);
        CircuitBreakerModule module = new CircuitBreakerModule(circuit(FOUR_CALLS), provider);
        call(module, 4);

        time.advanceTimeBy(Duration.ofSeconds(29));
        assertThat(failure(module.invoke(REQUEST))).isInstanceOf(ArcLlmCircuitOpenException.class);
        time.advanceTimeBy(Duration.ofMillis(1001));

        assertThat(module.invoke(REQUEST).block()).isSameAs(OK);
        assertThat(module.circuit().state()).isEqualTo(ProviderCircuit.State.HALF_OPEN);
        assertThat(module.invoke(REQUEST).block()).isSameAs(OK);
        assertThat(module.circuit().state()).isEqualTo(ProviderCircuit.State.CLOSED);
        assertThat(module.invoke(REQUEST).block()).isSameAs(OK);
        assertThat(provider.invocations()).isEqualTo(7);
    }

    @Test
    void halfOpenLetsOnlyItsProbesThroughAndAFailedProbeOpensItAgain() {
        FakeProvider provider = FakeProvider.answering("anthropic", request -> Mono.error(status(503)));
        CircuitBreakerModule module = new CircuitBreakerModule(circuit(FOUR_CALLS), provider);
        call(module, 4);
        time.advanceTimeBy(Duration.ofMillis(30_001));

        FakeProvider slow = FakeProvider.answering("anthropic", request -> Mono.never());
        CircuitBreakerModule probing = new CircuitBreakerModule(module.circuit(), slow);
        Disposable probe1 = probing.invoke(REQUEST).subscribe();
        Disposable probe2 = probing.invoke(REQUEST).subscribe();
        Throwable third = failure(module.invoke(REQUEST));
        assertThat(third).isInstanceOfSatisfying(ArcLlmCircuitOpenException.class,
                open -> assertThat(open.retryIn()).isZero());

        // A cancelled probe frees its permit without counting: the next call probes in its place.
        probe1.dispose();
        probe2.dispose();
        call(module, 2);
        assertThat(module.circuit().state()).isEqualTo(ProviderCircuit.State.OPEN);
        assertThat(provider.invocations()).isEqualTo(6);
        assertThat(module.circuit().untilHalfOpen()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aRetryAfterLongerThanTheOpenDurationKeepsTheCircuitOpenThatLong() {
        ArcLlmApiException overloaded = new ArcLlmApiException(529, "", "anthropic", Duration.ofSeconds(90));
        FakeProvider provider = FakeProvider.scripted("anthropic", overloaded, overloaded, overloaded, overloaded, OK);
        CircuitBreakerModule module = new CircuitBreakerModule(circuit(FOUR_CALLS), provider);
        call(module, 4);

        assertThat(module.circuit().untilHalfOpen()).isEqualTo(Duration.ofSeconds(90));
        time.advanceTimeBy(Duration.ofSeconds(31));
        assertThat(failure(module.invoke(REQUEST))).isInstanceOfSatisfying(ArcLlmCircuitOpenException.class,
                open -> assertThat(open.retryIn()).isEqualTo(Duration.ofSeconds(59)));
        time.advanceTimeBy(Duration.ofMillis(59_001));

        assertThat(module.invoke(REQUEST).block()).isSameAs(OK);
    }

    @Test
    void aShorterRetryAfterDoesNotShortenTheOpenDuration() {
        ArcLlmApiException briefly = new ArcLlmApiException(429, "", "anthropic", Duration.ofSeconds(2));
        CircuitBreakerModule module = new CircuitBreakerModule(circuit(FOUR_CALLS),
                FakeProvider.answering("anthropic", request -> Mono.error(briefly)));
        call(module, 4);

        time.advanceTimeBy(Duration.ofSeconds(10));

        assertThat(failure(module.invoke(REQUEST))).isInstanceOf(ArcLlmCircuitOpenException.class);
        assertThat(module.circuit().untilHalfOpen()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void oneCircuitIsSharedByEveryStackOfItsProvider() {
        ProviderCircuit shared = circuit(FOUR_CALLS);
        CircuitBreakerModule asPrimary = new CircuitBreakerModule(shared,
                FakeProvider.answering("anthropic", request -> Mono.error(status(503))));
        FakeProvider asFallbackAdapter = FakeProvider.scripted("anthropic", OK);
        CircuitBreakerModule asFallback = new CircuitBreakerModule(shared, asFallbackAdapter);

        call(asPrimary, 4);

        assertThat(failure(asFallback.invoke(REQUEST))).isInstanceOf(ArcLlmCircuitOpenException.class);
        assertThat(asFallbackAdapter.invocations()).isZero();
    }

    @Test
    void aStreamIsGuardedTheSameWay() {
        ProviderCircuit circuit = circuit(FOUR_CALLS);
        for (int i = 0; i < 4; i++) {
            circuit.protect(Flux.error(status(503))).onErrorResume(e -> Flux.empty()).blockLast();
        }
        int[] subscribed = {0};

        StepVerifier.create(circuit.protect(Flux.just("a", "b").doOnSubscribe(s -> subscribed[0]++)))
                .verifyError(ArcLlmCircuitOpenException.class);
        assertThat(subscribed[0]).isZero();
    }

    @Test
    void openingIsLoggedAtWarnWithTheFailureRate() {
        try (LogCapture logs = LogCapture.of(ProviderCircuit.class)) {
            call(new CircuitBreakerModule(circuit(FOUR_CALLS),
                    FakeProvider.answering("anthropic", request -> Mono.error(status(503)))), 4);

            assertThat(logs.lines()).containsExactly(
                    "WARN [anthropic] circuit breaker open: 100% of 4 attempt(s) failed; refusing calls for 30.0s");
        }
    }

    @Test
    void aModuleRefusesACircuitOfAnotherProvider() {
        assertThatThrownBy(() -> new CircuitBreakerModule(circuit(FOUR_CALLS), FakeProvider.scripted("openai")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'anthropic'").hasMessageContaining("'openai'");
    }
}
