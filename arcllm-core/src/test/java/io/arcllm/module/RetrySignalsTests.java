package io.arcllm.module;

import io.arcllm.module.internal.CircuitBreakerModule;
import io.arcllm.module.internal.FallbackModule;
import io.arcllm.module.internal.RetryModule;
import io.arcllm.module.internal.RetryableErrors;
import static io.arcllm.module.FakeProvider.OK;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.arcllm.internal.SchedulerClock;
import io.arcllm.ArcLlmApiException;
import io.arcllm.ArcLlmCircuitOpenException;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.Message;
import io.arcllm.config.CircuitBreakerConfig;
import io.arcllm.config.FallbackConfig;
import io.arcllm.config.RetryConfig;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * Retry's decision with the providers' own signals ({@code x-should-retry}, {@code Retry-After}) and with an
 * open circuit below it; the wait it reports is the wait it uses.
 */
class RetrySignalsTests {

    private static final LlmRequest REQUEST = LlmRequest.of(List.of(Message.user("hi")));

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

    private RetryModule retry(RetryConfig config, FakeProvider inner, ModuleListener listener) {
        return new RetryModule(config, inner.clock(time), time, JitterSource.none(), listener);
    }

    @Test
    void shouldRetryFalseOnA503IsNotRetried() {
        ArcLlmApiException permanent = new ArcLlmApiException(503, "", "anthropic", null, false);
        FakeProvider inner = FakeProvider.scripted("anthropic", permanent, OK);

        StepVerifier.create(retry(RetryConfig.defaults(), inner, ModuleListener.NONE).invoke(REQUEST))
                .verifyErrorSatisfies(error -> assertThat(error).isSameAs(permanent));
        assertThat(inner.invocations()).isEqualTo(1);
    }

    @Test
    void shouldRetryTrueOnA400IsRetried() {
        ArcLlmApiException transientBadRequest = new ArcLlmApiException(400, "", "anthropic", null, true);
        FakeProvider inner = FakeProvider.scripted("anthropic", transientBadRequest, OK);

        StepVerifier.withVirtualTime(() -> retry(RetryConfig.defaults(), inner, ModuleListener.NONE).invoke(REQUEST), () -> time, 1)
                .thenAwait(Duration.ofSeconds(1))
                .expectNext(OK)
                .verifyComplete();
        assertThat(inner.invocations()).isEqualTo(2);
    }

    @Test
    void theWaitLoggedAndToldIsTheWaitUsedWhenRetryAfterExceedsMaxWait() {
        ArcLlmApiException slowDown = new ArcLlmApiException(429, "", "anthropic", Duration.ofSeconds(90));
        FakeProvider inner = FakeProvider.scripted("anthropic", slowDown, OK);
        RecordingListener listener = new RecordingListener();
        RetryConfig config = RetryConfig.builder().maxWait(Duration.ofSeconds(20)).build();

        try (LogCapture logs = LogCapture.modules()) {
            StepVerifier.withVirtualTime(() -> retry(config, inner, listener).invoke(REQUEST), () -> time, 1)
                    .thenAwait(Duration.ofSeconds(20))
                    .expectNext(OK)
                    .verifyComplete();

            assertThat(logs.lines()).containsExactly(
                    "WARN [anthropic] retry attempt 1/3 after 20.00s: anthropic API error: HTTP 429");
        }
        assertThat(inner.waits()).containsExactly(Duration.ofSeconds(20));
        assertThat(listener.retries()).singleElement().satisfies(event -> assertThat(event.delay()).isEqualTo(Duration.ofSeconds(20)));
    }

    @Test
    void anOpenCircuitIsNotRetried() {
        CircuitBreakerConfig opensAtOnce = CircuitBreakerConfig.builder().minimumCalls(1).build();
        ProviderCircuit circuit = new ProviderCircuit("anthropic", opensAtOnce,
                e -> RetryableErrors.isRetryable(e, RetryConfig.DEFAULT_RETRYABLE_STATUS_CODES), new SchedulerClock(time));
        FakeProvider adapter = FakeProvider.answering("anthropic", request -> Mono.error(new ArcLlmApiException(503, "", "anthropic")));
        circuit.protect(adapter.invoke(REQUEST)).onErrorResume(e -> Mono.empty()).block();
        RetryModule retry = new RetryModule(RetryConfig.defaults(), new CircuitBreakerModule(circuit, adapter), time,
                JitterSource.none());

        StepVerifier.create(retry.invoke(REQUEST)).verifyError(ArcLlmCircuitOpenException.class);
        assertThat(adapter.invocations()).isEqualTo(1);
    }

    @Test
    void duringAnOutageCallsGoStraightToTheFallbackWithoutWaitingOrTouchingThePrimary() {
        CircuitBreakerConfig config = CircuitBreakerConfig.builder().minimumCalls(2).build();
        ProviderCircuit anthropicCircuit = new ProviderCircuit("anthropic", config,
                e -> RetryableErrors.isRetryable(e, RetryConfig.DEFAULT_RETRYABLE_STATUS_CODES), new SchedulerClock(time));
        ProviderCircuit openaiCircuit = new ProviderCircuit("openai", config,
                e -> RetryableErrors.isRetryable(e, RetryConfig.DEFAULT_RETRYABLE_STATUS_CODES), new SchedulerClock(time));
        FakeProvider anthropic = FakeProvider.answering("anthropic", request -> Mono.error(new ArcLlmApiException(503, "", "anthropic")));
        FakeProvider openai = FakeProvider.answering("openai", request -> Mono.just(OK));
        FallbackModule fallback = new FallbackModule(FallbackConfig.builder().chain("openai").build(),
                new CircuitBreakerModule(anthropicCircuit, anthropic),
                (id, excluded) -> new CircuitBreakerModule(openaiCircuit, openai));
        RetryModule stack = new RetryModule(RetryConfig.defaults(), fallback, time, JitterSource.none());

        for (int call = 0; call < 2; call++) {
            assertThat(stack.invoke(REQUEST).block()).isSameAs(OK);
        }
        assertThat(anthropicCircuit.state()).isEqualTo(ProviderCircuit.State.OPEN);

        try (LogCapture logs = LogCapture.modules()) {
            for (int call = 0; call < 50; call++) {
                LlmResponse response = stack.invoke(REQUEST).block(Duration.ofSeconds(1));
                assertThat(response).isSameAs(OK);
            }
            // The circuit's opening was logged once; refused calls falling back do not flood the log.
            assertThat(logs.lines()).isEmpty();
        }
        assertThat(anthropic.invocations()).isEqualTo(2);
        assertThat(openai.invocations()).isEqualTo(52);
        assertThat(time.now(java.util.concurrent.TimeUnit.MILLISECONDS)).isZero();
    }
}
