package io.arcllm;

import java.time.Duration;
import java.util.Objects;

/**
 * A provider's circuit breaker is open: recent attempts to it failed too often, so this attempt was
 * refused at once, without sending anything. It is not retried (retrying an open circuit only waits);
 * a fallback module moves straight on to the next provider of its chain.
 *
 * <p>{@link #retryIn()} says when the circuit lets probe calls through again (half-open); zero when probes are
 * due or already in flight. A server can pass it on as {@code Retry-After}.
 *
 * <p>It is raised for every refused call, so it is cheap: it records no stack trace (where it was raised is always
 * the circuit breaker, below retry and fallback).
 */
public class ArcLlmCircuitOpenException extends ArcLlmException {

    private final String provider;
    private final Duration retryIn;

    /**
     * @param provider the provider id whose circuit is open
     * @param retryIn how long until the circuit lets probe calls through; zero or more
     * @throws IllegalArgumentException if {@code retryIn} is negative
     */
    public ArcLlmCircuitOpenException(String provider, Duration retryIn) {
        super(message(provider, retryIn), false);
        this.provider = Objects.requireNonNull(provider, "provider");
        this.retryIn = retryIn;
    }

    private static String message(String provider, Duration retryIn) {
        if (Objects.requireNonNull(retryIn, "retryIn").isNegative()) {
            throw new IllegalArgumentException("retryIn must be >= 0, was " + retryIn);
        }
        if (retryIn.isZero()) {
            return provider + " circuit breaker is open; call refused while its probe calls are due or in flight";
        }
        // Tenths of a second, rounded half up, as "%.1fs" would print them, without a Formatter per refused call.
        long tenths = (retryIn.toMillis() + 50) / 100;
        return provider + " circuit breaker is open after repeated failures; call refused, probes resume in "
                + tenths / 10 + "." + tenths % 10 + "s";
    }

    /** The provider id whose circuit is open. */
    public String provider() {
        return provider;
    }

    /** How long until the circuit lets probe calls through (half-open); zero when it already does. */
    public Duration retryIn() {
        return retryIn;
    }
}
