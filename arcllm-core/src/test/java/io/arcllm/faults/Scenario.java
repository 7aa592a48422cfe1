package io.arcllm.faults;

import static io.arcllm.faults.FaultStack.BACKOFF;
import static io.arcllm.faults.FaultStack.MAX_RETRIES;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The stacking order and the fallback's health a fault is tried under. The fallback ({@code openai}) either
 * answers, or fails with a 503 without {@code Retry-After} (retryable, so its own retry module, which it has
 * only in the {@code afterRetries} order, retries it with the 1 s, 2 s backoff).
 */
enum Scenario {

    DEFAULT_ORDER_FALLBACK_FAILS(false, false),
    DEFAULT_ORDER_FALLBACK_ANSWERS(false, true),
    AFTER_RETRIES_FALLBACK_FAILS(true, false),
    AFTER_RETRIES_FALLBACK_ANSWERS(true, true);

    final boolean afterRetries;
    final boolean fallbackAnswers;

    Scenario(boolean afterRetries, boolean fallbackAnswers) {
        this.afterRetries = afterRetries;
        this.fallbackAnswers = fallbackAnswers;
    }

    /** How a call ends. */
    enum Outcome { PRIMARY_ANSWERS, FALLBACK_ANSWERS, PRIMARY_ERROR }

    /**
     * What one call must do.
     *
     * @param primaryAttempts requests the primary receives
     * @param fallbackAttempts requests the fallback receives
     * @param waits the retry waits, in order, in virtual time
     */
    record Expected(int primaryAttempts, int fallbackAttempts, List<Duration> waits, Outcome outcome) {
    }

    /** A primary that answers at once: the fallback is never asked, nothing waits. */
    Expected whenPrimaryAnswers() {
        return new Expected(1, 0, List.of(), Outcome.PRIMARY_ANSWERS);
    }

    /**
     * A primary that fails every attempt.
     *
     * @param retryable whether the retry module retries the primary's error
     * @param primaryWaits the waits before the primary's retries (its {@code Retry-After}, or {@link FaultStack#BACKOFF})
     */
    Expected whenPrimaryFails(boolean retryable, List<Duration> primaryWaits) {
        int all = MAX_RETRIES + 1;
        if (!afterRetries) {
            // Retry(Fallback(Adapter)): the chain is walked on each failure; retry repeats primary-plus-chain.
            if (fallbackAnswers) {
                return new Expected(1, 1, List.of(), Outcome.FALLBACK_ANSWERS);
            }
            return retryable
                    ? new Expected(all, all, primaryWaits, Outcome.PRIMARY_ERROR)
                    : new Expected(1, 1, List.of(), Outcome.PRIMARY_ERROR);
        }
        // Fallback(Retry(Adapter)): the primary's retries first, then the chain, each fallback with its own retry.
        int primary = retryable ? all : 1;
        List<Duration> waits = new ArrayList<>(retryable ? primaryWaits : List.of());
        if (fallbackAnswers) {
            return new Expected(primary, 1, List.copyOf(waits), Outcome.FALLBACK_ANSWERS);
        }
        waits.addAll(BACKOFF);
        return new Expected(primary, all, List.copyOf(waits), Outcome.PRIMARY_ERROR);
    }

    @Override
    public String toString() {
        return (afterRetries ? "Fallback(Retry(Adapter))" : "Retry(Fallback(Adapter))")
                + (fallbackAnswers ? ", fallback answers" : ", fallback fails");
    }
}
