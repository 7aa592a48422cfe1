package io.arcllm.module.internal;

import io.arcllm.module.BaseModule;
import io.arcllm.module.ProviderCircuit;
import java.util.Objects;

import io.arcllm.ArcLlmCircuitOpenException;
import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.LlmStreamEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Guards each attempt to one provider with that provider's {@link ProviderCircuit}, shared by every stack that
 * calls the provider. It sits per attempt, directly above the adapter (below retry and fallback), so retry's
 * attempts and a fallback's attempts each pass through the circuit of the provider they go to. While the
 * circuit is open, {@link #invoke} fails at once with {@link ArcLlmCircuitOpenException} and sends nothing:
 * retry does not retry that, and fallback moves straight on to the next provider.
 */
public final class CircuitBreakerModule extends BaseModule {

    /** The module's name, as {@link ProviderLoader} exclusions and configuration use it. */
    public static final String NAME = "circuit-breaker";

    private final ProviderCircuit circuit;

    /**
     * @param circuit the circuit of {@code inner}'s provider id
     * @throws IllegalArgumentException if the circuit guards another provider id than {@code inner.name()}
     */
    public CircuitBreakerModule(ProviderCircuit circuit, LlmProvider inner) {
        super(inner);
        this.circuit = Objects.requireNonNull(circuit, "circuit");
        if (!circuit.provider().equals(inner.name())) {
            throw new IllegalArgumentException("circuit of '" + circuit.provider() + "' cannot guard provider '"
                    + inner.name() + "'");
        }
    }

    /** The circuit this module guards its provider with. */
    public ProviderCircuit circuit() {
        return circuit;
    }

    /** Sends the request unless the provider's circuit is open; see the class description. */
    @Override
    public Mono<LlmResponse> invoke(LlmRequest request) {
        return circuit.protect(Mono.defer(() -> inner().invoke(request)));
    }

    /**
     * Streams the answer unless the provider's circuit is open, as {@link #invoke} does: while open the stream
     * fails at once with {@link ArcLlmCircuitOpenException}; a stream's failure counts as an invoke's would.
     */
    @Override
    public Flux<LlmStreamEvent> stream(LlmRequest request) {
        return circuit.protect(Flux.defer(() -> inner().stream(request)));
    }
}
