package io.arcllm.module;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import reactor.util.context.ContextView;

/**
 * Hears what the modules do: each retry, each fallback tried and each logical call observed by the
 * telemetry module. Every method does nothing by default, so an implementation overrides only what it
 * needs. Free of Micrometer: the Micrometer counters are one implementation
 * ({@code io.arcllm.telemetry.ArcLlmTelemetry}), an actuator health indicator another.
 *
 * <p>Methods are called on the thread that signalled the event (often a Netty event loop): they must be
 * quick, thread-safe and non-blocking. An exception thrown by a listener is logged and ignored; it never
 * changes the call's outcome.
 */
public interface ModuleListener {

    /** A listener that ignores every event. */
    ModuleListener NONE = new ModuleListener() {
    };

    /** A retry module is about to wait and try again. */
    default void onRetry(RetryEvent event) {
    }

    /** A fallback module tried one provider of its chain; called once that provider answered or failed. */
    default void onFallback(FallbackEvent event) {
    }

    /** A provider's circuit breaker changed state (it is shared, so this is told once per change, not per stack). */
    default void onCircuitTransition(CircuitEvent event) {
    }

    /** A retry module did not retry a retryable failure because the provider's retry budget was spent. */
    default void onRetryRefused(RetryRefusedEvent event) {
    }

    /** A telemetry module saw a logical call end with an answer or an error (not when it was cancelled). */
    default void onCall(CallEvent event) {
    }

    /**
     * One listener telling all of these in order, each guarded: an exception thrown by one is logged at
     * WARN and the others still hear the event. Null and {@link #NONE} entries are left out.
     */
    static ModuleListener composite(List<? extends @Nullable ModuleListener> listeners) {
        List<ModuleListener> all = listeners.stream().filter(Objects::nonNull).filter(l -> l != NONE)
                .map(ModuleListener.class::cast).toList();
        return all.isEmpty() ? NONE : new CompositeModuleListener(all);
    }

    /** {@link #composite(List)} of these listeners. */
    static ModuleListener composite(@Nullable ModuleListener... listeners) {
        return composite(java.util.Arrays.asList(listeners));
    }

    /**
     * A retry about to happen.
     *
     * @param provider the id of the provider that failed ({@link io.arcllm.LlmProvider#name()} of the retry module)
     * @param attempt the retry's number: 1 for the first retry
     * @param reason why: the HTTP status code ({@code "429"}), {@code "timeout"} or {@code "transport"}, the
     *     values of the telemetry's {@code error.type} tag
     * @param delay how long the module waits before the retry
     * @param error the failure being retried
     * @param context the Reactor context of the call, to correlate the event with it (an observation, say)
     */
    record RetryEvent(String provider, int attempt, String reason, Duration delay, Throwable error, ContextView context) {
    }

    /**
     * A circuit breaker's change of state.
     *
     * @param provider the provider id whose circuit changed
     * @param from the state it left
     * @param to the state it entered
     */
    record CircuitEvent(String provider, ProviderCircuit.State from, ProviderCircuit.State to) {
    }

    /**
     * A retry not made because the provider's retry budget was spent
     * ({@link io.arcllm.config.RetryConfig#budgetRatio()}).
     *
     * @param provider the provider id whose budget was spent
     * @param error the failure that was not retried (the call goes to fallback or fails with it)
     * @param context the Reactor context of the call
     */
    record RetryRefusedEvent(String provider, Throwable error, ContextView context) {
    }

    /**
     * One fallback provider tried.
     *
     * @param from the id of the provider that failed first (the fallback module's primary)
     * @param fromError how {@code from} failed: the error that started the walk down the chain
     * @param to the id of the fallback provider tried
     * @param outcome whether {@code to} answered
     * @param error the fallback's error when it failed (also when it could not be loaded); null on success
     * @param context the Reactor context of the call
     */
    record FallbackEvent(String from, Throwable fromError, String to, Outcome outcome, @Nullable Throwable error,
                         ContextView context) {
    }

    /**
     * A logical call ended: what the caller got from the outermost module.
     *
     * @param provider the id of the provider called (the stack's {@link io.arcllm.LlmProvider#name()})
     * @param answeredBy the id of the provider whose answer the caller got: {@code provider}, or a fallback's
     *     id; null when the call failed
     * @param model the model the call asked for
     * @param error the error the caller got; null on success
     * @param duration how long the call took, retries and fallbacks included
     */
    record CallEvent(String provider, @Nullable String answeredBy, String model, @Nullable Throwable error,
                     Duration duration) {

        /** Whether the caller got an answer. */
        public boolean succeeded() {
            return error == null;
        }
    }

    /** How a tried provider fared. */
    enum Outcome {
        /** It answered. */
        SUCCESS,
        /** It failed. */
        FAILURE;

        /** {@code "success"} or {@code "failure"}, as metrics tag it. */
        public String tagValue() {
            return this == SUCCESS ? "success" : "failure";
        }
    }
}
