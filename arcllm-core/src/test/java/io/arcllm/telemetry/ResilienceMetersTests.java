package io.arcllm.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcllm.ArcLlmApiException;
import io.arcllm.config.CircuitBreakerConfig;
import io.arcllm.config.RetryConfig;
import io.arcllm.module.ModuleListener;
import io.arcllm.module.ProviderCircuit;
import io.arcllm.module.internal.RetryableErrors;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/** The circuit breaker's gauge and transition counter, and the retry budget's refusal counter. */
class ResilienceMetersTests {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ModuleListener telemetry = ArcLlmTelemetry.of(meters).listener();

    @Test
    void aCircuitOpeningShowsInItsGaugeAndTransitionCounter() {
        ProviderCircuit circuit = new ProviderCircuit("anthropic", CircuitBreakerConfig.builder().minimumCalls(2).build(),
                e -> RetryableErrors.isRetryable(e, RetryConfig.DEFAULT_RETRYABLE_STATUS_CODES),
                java.time.Clock.systemUTC(), telemetry);
        for (int i = 0; i < 2; i++) {
            circuit.protect(Mono.error(new ArcLlmApiException(503, "", "anthropic"))).onErrorResume(e -> Mono.empty()).block();
        }

        assertThat(meters.get(LlmObservationDocumentation.CIRCUIT_STATE_METER).tag("provider", "anthropic").gauge().value())
                .isEqualTo(2);
        assertThat(meters.get(LlmObservationDocumentation.CIRCUIT_TRANSITION_METER)
                .tags("provider", "anthropic", "from", "closed", "to", "open").counter().count()).isEqualTo(1);
    }

    @Test
    void budgetRefusalsAreCountedPerProvider() {
        telemetry.onRetryRefused(new ModuleListener.RetryRefusedEvent("openai", new ArcLlmApiException(429, "", "openai"),
                Context.empty()));
        telemetry.onRetryRefused(new ModuleListener.RetryRefusedEvent("openai", new ArcLlmApiException(429, "", "openai"),
                Context.empty()));

        assertThat(meters.get(LlmObservationDocumentation.RETRY_BUDGET_METER).tag("provider", "openai").counter().count())
                .isEqualTo(2);
    }

    @Test
    void theGaugeFollowsTheCircuitBackToClosed() {
        telemetry.onCircuitTransition(new ModuleListener.CircuitEvent("openai", ProviderCircuit.State.CLOSED, ProviderCircuit.State.OPEN));
        telemetry.onCircuitTransition(new ModuleListener.CircuitEvent("openai", ProviderCircuit.State.OPEN, ProviderCircuit.State.HALF_OPEN));
        assertThat(meters.get(LlmObservationDocumentation.CIRCUIT_STATE_METER).tag("provider", "openai").gauge().value()).isEqualTo(1);

        telemetry.onCircuitTransition(new ModuleListener.CircuitEvent("openai", ProviderCircuit.State.HALF_OPEN, ProviderCircuit.State.CLOSED));

        assertThat(meters.get(LlmObservationDocumentation.CIRCUIT_STATE_METER).tag("provider", "openai").gauge().value()).isZero();
        assertThat(meters.get(LlmObservationDocumentation.CIRCUIT_TRANSITION_METER).counters()).hasSize(3);
    }
}
