package io.arcllm.module.internal;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * State that modules keep per provider id, shared by every stack that uses the provider (its bean, the
 * stacks where it is a fallback, providers loaded at run time) for the life of the registry: a circuit
 * breaker, rate-limit buckets, a retry budget. The registry creates one per provider id and hands it to the
 * modules it stacks ({@code StackBuilder}). Thread-safe.
 */
public final class ProviderState {

    private final String providerId;
    private final ConcurrentMap<Class<?>, Object> entries = new ConcurrentHashMap<>();

    /** @param providerId the provider id this state belongs to */
    public ProviderState(String providerId) {
        this.providerId = Objects.requireNonNull(providerId, "providerId");
    }

    /** The provider id. */
    public String providerId() {
        return providerId;
    }

    /**
     * The entry of this type, created by {@code create} on first use (at most once, even under concurrent calls).
     * Use a type of the module's own, so two modules never share an entry.
     */
    public <T> T get(Class<T> type, Supplier<? extends T> create) {
        return type.cast(entries.computeIfAbsent(type, key -> Objects.requireNonNull(create.get(), "created state")));
    }

    /** The entry of this type if a module has created it, without creating it. */
    public <T> Optional<T> find(Class<T> type) {
        return Optional.ofNullable(entries.get(type)).map(type::cast);
    }
}
