package io.arcllm.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.arcllm.ArcLlmConfigException;

/**
 * Settings of the fallback module. Immutable and always valid: the compact constructor (and so
 * {@link Builder#build()}) rejects bad values with an {@link ArcLlmConfigException}.
 *
 * @param chain provider ids tried in order when the primary provider fails; at most {@value #MAX_CHAIN_LENGTH}
 * @param afterRetries {@code false} (default): stack {@code Retry(Fallback(Adapter))}, so the chain is
 *     walked on the primary's first failure and retry repeats primary-plus-chain; {@code true}: stack
 *     {@code Fallback(Retry(Adapter))}, so the chain is walked only once the primary's retries are exhausted
 */
public record FallbackConfig(List<String> chain, boolean afterRetries) {

    /** The longest chain accepted. */
    public static final int MAX_CHAIN_LENGTH = 10;

    private static final FallbackConfig DEFAULTS = new FallbackConfig(List.of(), false);

    /**
     * Validates and copies.
     *
     * @throws ArcLlmConfigException if the chain is null, longer than {@value #MAX_CHAIN_LENGTH},
     *     or holds an invalid provider id (see {@link ProviderSettings#validateId(String)})
     */
    public FallbackConfig {
        if (chain == null) {
            throw new ArcLlmConfigException("chain must not be null");
        }
        if (chain.size() > MAX_CHAIN_LENGTH) {
            throw new ArcLlmConfigException("chain must have at most " + MAX_CHAIN_LENGTH
                    + " providers, had " + chain.size() + ": " + chain);
        }
        for (String id : chain) {
            try {
                ProviderSettings.validateId(id);
            } catch (ArcLlmConfigException e) {
                throw new ArcLlmConfigException("chain: " + e.getMessage(), e);
            }
        }
        chain = List.copyOf(chain);
    }

    /** The defaults: an empty chain, {@code afterRetries = false}. */
    public static FallbackConfig defaults() {
        return DEFAULTS;
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    /** A builder starting from {@code base}, to derive a changed copy. */
    public static Builder from(FallbackConfig base) {
        return new Builder(base);
    }

    /** A builder pre-filled with this config. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link FallbackConfig}s; validation happens in {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private List<String> chain;
        private boolean afterRetries;

        private Builder(FallbackConfig base) {
            chain = base.chain;
            afterRetries = base.afterRetries;
        }

        /** Replaces the chain of fallback provider ids. */
        public Builder chain(Collection<String> chain) {
            this.chain = chain == null ? null : new ArrayList<>(chain);
            return this;
        }

        /** Replaces the chain of fallback provider ids. */
        public Builder chain(String... chain) {
            return chain(List.of(chain));
        }

        /** Chooses the stacking order; see {@link FallbackConfig#afterRetries()}. */
        public Builder afterRetries(boolean afterRetries) {
            this.afterRetries = afterRetries;
            return this;
        }

        /**
         * @throws ArcLlmConfigException if the chain is too long or holds an invalid id
         */
        public FallbackConfig build() {
            return new FallbackConfig(chain, afterRetries);
        }
    }
}
