package io.arcllm.module;

import java.util.Objects;

import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.LlmStreamEvent;
import io.arcllm.internal.ProviderHandle;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A module: an {@link LlmProvider} that wraps another one (a decorator). Everything is delegated to
 * {@link #inner()}; subclasses override {@link #invoke(LlmRequest)} and {@link #stream(LlmRequest)} to add
 * behaviour, keeping them cold (nothing happens until subscription) and the module thread-safe (one instance
 * serves concurrent calls). Walk a stack of modules down to the adapter with {@code inner()}.
 * {@link #close()} closes the wrapped provider.
 */
public abstract class BaseModule implements LlmProvider {

    private final LlmProvider inner;

    /**
     * @param inner the provider this module wraps
     * @throws NullPointerException if {@code inner} is null
     */
    protected BaseModule(LlmProvider inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    /** The provider this module wraps: another module or the adapter. */
    public final LlmProvider inner() {
        return inner;
    }

    /** The wrapped provider's id. */
    @Override
    public String name() {
        return inner.name();
    }

    /** The wrapped provider's model. */
    @Override
    public String modelName() {
        return inner.modelName();
    }

    /** Passes the request to the wrapped provider unchanged. */
    @Override
    public Mono<LlmResponse> invoke(LlmRequest request) {
        return inner.invoke(request);
    }

    /** Passes the request to the wrapped provider's stream unchanged. */
    @Override
    public Flux<LlmStreamEvent> stream(LlmRequest request) {
        return inner.stream(request);
    }

    /** The wrapped provider's answer. */
    @Override
    public boolean validateConfig() {
        return inner.validateConfig();
    }

    /** Closes the wrapped provider. */
    @Override
    public void close() {
        inner.close();
    }

    /** The stack from this module down, e.g. {@code RetryModule -> FallbackModule -> AnthropicAdapter}. */
    @Override
    public String toString() {
        LlmProvider shown = ProviderHandle.unwrap(inner);
        String below = shown instanceof BaseModule ? shown.toString() : shown.getClass().getSimpleName();
        return getClass().getSimpleName() + " -> " + below;
    }
}
