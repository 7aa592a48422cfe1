package io.arcllm.internal;

import java.util.List;
import java.util.Objects;

import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.LlmStreamEvent;
import io.arcllm.Message;
import io.arcllm.Tool;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A handle on a long-lived provider (an adapter and its connection pool, owned by the registry): it delegates
 * everything but {@link #close()}, which releases only the handle. So a stack built over a handle, or a
 * fallback module closing what its loader gave it, never closes a pool that other stacks share.
 */
public final class ProviderHandle implements LlmProvider {

    private final LlmProvider target;

    /** @param target the shared provider; its owner closes it */
    public ProviderHandle(LlmProvider target) {
        this.target = Objects.requireNonNull(target, "target");
    }

    /** The provider behind {@code provider} if it is a handle, else {@code provider} itself. */
    public static LlmProvider unwrap(LlmProvider provider) {
        return provider instanceof ProviderHandle handle ? handle.target : provider;
    }

    /** The shared provider behind this handle. */
    public LlmProvider target() {
        return target;
    }

    @Override
    public String name() {
        return target.name();
    }

    @Override
    public String modelName() {
        return target.modelName();
    }

    @Override
    public Mono<LlmResponse> invoke(LlmRequest request) {
        return target.invoke(request);
    }

    @Override
    public Mono<LlmResponse> invoke(List<Message> messages) {
        return target.invoke(messages);
    }

    @Override
    public Mono<LlmResponse> invoke(List<Message> messages, List<Tool> tools) {
        return target.invoke(messages, tools);
    }

    @Override
    public Flux<LlmStreamEvent> stream(LlmRequest request) {
        return target.stream(request);
    }

    @Override
    public boolean validateConfig() {
        return target.validateConfig();
    }

    /** Releases this handle only; the shared provider stays open. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return target.toString();
    }
}
