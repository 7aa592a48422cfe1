package io.arcllm.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import io.arcllm.ArcLlmConfigException;

/**
 * Settings of the fallback module. Immutable and always valid: the compact constructor (and so
 * {@link Builder#build()}) rejects bad values with an {@link ArcLlmConfigException} naming the property.
 *
 * @param chain provider ids tried in order when the primary provider fails; at most {@value #MAX_CHAIN_LENGTH},
 *     each at most once (a repeated id would be attempted again, multiplying attempts)
 * @param afterRetries {@code false} (default): stack {@code Retry(Fallback(Adapter))}, so the chain is
 *     walked on the primary's first failure and retry repeats primary-plus-chain; {@code true}: stack
 *     {@code Fallback(Retry(Adapter))}, so the chain is walked only once the primary's retries are exhausted
 * @param on the errors that switch to the chain: {@value #ANY} (default) for every error, or any of HTTP status
 *     codes ({@code "503"}), {@value #TRANSPORT} (connection failures) and {@value #TIMEOUT}; any other error
 *     is signalled as it is, without trying the chain
 */
public record FallbackConfig(List<String> chain, boolean afterRetries, Set<String> on) {

    /** The longest chain accepted. */
    public static final int MAX_CHAIN_LENGTH = 10;
    /** The trigger that matches every error. */
    public static final String ANY = "any";
    /** The trigger that matches connection failures ({@link io.arcllm.ArcLlmTransportException} other than timeouts). */
    public static final String TRANSPORT = "transport";
    /** The trigger that matches connect and read timeouts ({@link io.arcllm.ArcLlmTimeoutException}). */
    public static final String TIMEOUT = "timeout";
    /** Default {@link #on()}: every error. */
    public static final Set<String> DEFAULT_ON = Set.of(ANY);

    private static final FallbackConfig DEFAULTS = new FallbackConfig(List.of(), false, DEFAULT_ON);

    /** The fallback module, off unless configured. */
    public static final ModuleKind<FallbackConfig, Builder> KIND =
            ModuleKind.of("fallback", false, DEFAULTS, FallbackConfig::toBuilder, Builder::build);

    /**
     * Validates and copies.
     *
     * @throws ArcLlmConfigException if the chain is null, longer than {@value #MAX_CHAIN_LENGTH}, repeats an id
     *     or holds an invalid provider id (see {@link ProviderSettings#validateId(String)}), or a trigger in
     *     {@code on} is none of the accepted ones
     */
    public FallbackConfig {
        if (chain == null) {
            throw ArcLlmConfigException.of("chain", "must not be null");
        }
        if (chain.size() > MAX_CHAIN_LENGTH) {
            throw ArcLlmConfigException.of("chain", "must have at most " + MAX_CHAIN_LENGTH
                    + " providers, had " + chain.size() + ": " + chain);
        }
        Set<String> seen = new HashSet<>();
        for (String id : chain) {
            try {
                ProviderSettings.validateId(id);
            } catch (ArcLlmConfigException e) {
                throw ArcLlmConfigException.of("chain", "holds an " + e.getMessage());
            }
            if (!seen.add(id)) {
                throw ArcLlmConfigException.of("chain", "names '" + id + "' more than once: " + chain
                        + "; list each provider once (retry already repeats it)");
            }
        }
        chain = List.copyOf(chain);
        on = triggers(on);
    }

    /** Chain and order as given, switching on every error. */
    public FallbackConfig(List<String> chain, boolean afterRetries) {
        this(chain, afterRetries, DEFAULT_ON);
    }

    private static Set<String> triggers(Set<String> on) {
        if (on == null || on.isEmpty()) {
            throw ArcLlmConfigException.of("on", "must name at least one trigger: any, transport, timeout or an HTTP status code");
        }
        Set<String> copy = new TreeSet<>();
        for (String trigger : on) {
            String t = trigger == null ? "" : trigger.trim().toLowerCase(Locale.ROOT);
            boolean status = t.length() == 3 && t.chars().allMatch(Character::isDigit) && t.charAt(0) >= '1' && t.charAt(0) <= '5';
            if (!status && !t.equals(ANY) && !t.equals(TRANSPORT) && !t.equals(TIMEOUT)) {
                throw ArcLlmConfigException.of("on", "must hold any, transport, timeout or HTTP status codes (100-599), was '"
                        + trigger + "'");
            }
            copy.add(t);
        }
        return Collections.unmodifiableSet(copy);
    }

    /**
     * Whether this error switches to the chain: always with {@value #ANY}; else when the error's type, as
     * the telemetry's {@code error.type} tag names it (the status code, {@value #TIMEOUT} or
     * {@value #TRANSPORT}), is in {@link #on()}.
     */
    public boolean triggeredBy(Throwable error) {
        return on.contains(ANY) || on.contains(io.arcllm.module.internal.ErrorTypes.of(error));
    }

    /** The defaults: an empty chain, {@code afterRetries = false}. */
    public static FallbackConfig defaults() {
        return DEFAULTS;
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    /** A builder pre-filled with this config. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link FallbackConfig}s; validation happens in {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private List<String> chain;
        private boolean afterRetries;
        private Set<String> on;

        private Builder(FallbackConfig base) {
            chain = base.chain;
            afterRetries = base.afterRetries;
            on = base.on;
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

        /** Replaces the triggers; see {@link FallbackConfig#on()}. */
        public Builder on(Collection<String> on) {
            this.on = on == null ? null : new TreeSet<>(on);
            return this;
        }

        /** Replaces the triggers; see {@link FallbackConfig#on()}. */
        public Builder on(String... on) {
            return on(List.of(on));
        }

        /**
         * @throws ArcLlmConfigException if the chain is too long, repeats or holds an invalid id, or a trigger is unknown
         */
        public FallbackConfig build() {
            return new FallbackConfig(chain, afterRetries, on);
        }
    }
}
