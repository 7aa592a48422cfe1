package io.arcllm.telemetry;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.Message;
import io.arcllm.StopReason;
import io.arcllm.Usage;
import io.arcllm.config.LoadOptions;
import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;

/**
 * The telemetry module's call operator at its edges: a wrapped stack that throws instead of signalling, and the
 * plain operators it keeps when Reactor's automatic context propagation is on.
 */
class TelemetryOperatorTests {

    private static final String SONNET = "claude-sonnet-4-20250514";
    private static final LlmRequest REQUEST = LlmRequest.of(List.of(Message.user("What is 2 + 2?")));
    private static final LlmResponse ANSWER = new LlmResponse("4", List.of(), new Usage(10, 2), SONNET,
            StopReason.END_TURN, null, null);

    private final TelemetryFixture fixture = new TelemetryFixture();

    private LlmProvider anthropic() {
        return fixture.registry().build().load("anthropic", null, LoadOptions.none());
    }

    @Test
    void aStackThatThrowsInsteadOfSignallingIsAFailedCallAndTheCallerGetsTheError() {
        IllegalStateException thrown = new IllegalStateException("thrown, not signalled");
        fixture.adapters.answer("anthropic", request -> {
            throw thrown;
        });

        Throwable signalled = catchThrowable(() -> anthropic().invoke(REQUEST).block());

        assertThat(signalled).isSameAs(thrown);
        assertThat(fixture.observations).hasSingleObservationThat().hasError(thrown).hasBeenStopped();
    }

    @Test
    void withAutomaticContextPropagationTheCallIsObservedTheSameWay() {
        AtomicReference<Object> seenByAdapter = new AtomicReference<>();
        fixture.adapters.answer("anthropic", request -> Mono.deferContextual(context -> {
            seenByAdapter.set(context.getOrDefault(ObservationThreadLocalAccessor.KEY, null));
            return Mono.just(ANSWER);
        }));
        Hooks.enableAutomaticContextPropagation();
        try {
            assertThat(anthropic().invoke(REQUEST).block()).isSameAs(ANSWER);
        } finally {
            Hooks.disableAutomaticContextPropagation();
        }

        assertThat(fixture.observations).hasSingleObservationThat()
                .hasContextualNameEqualTo("chat " + SONNET)
                .hasLowCardinalityKeyValue("gen_ai.response.model", SONNET)
                .hasHighCardinalityKeyValue("gen_ai.usage.output_tokens", "2")
                .doesNotHaveError()
                .hasBeenStopped();
        assertThat(seenByAdapter.get()).isInstanceOfSatisfying(Observation.class,
                current -> assertThat(current.getContext()).isInstanceOf(LlmObservationContext.class));
    }
}
