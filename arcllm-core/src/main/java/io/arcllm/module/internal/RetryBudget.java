package io.arcllm.module.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import io.arcllm.ArcLlmConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the retries sent to one provider, so a fleet of callers retrying an overloaded provider does not
 * double its load (as gRPC retry throttling, Finagle and Envoy do). Over the last {@link #WINDOW} (ten
 * one-second buckets), retries may not exceed {@code ratio × first attempts + minRetriesPerSecond × 10}: the
 * ratio scales with traffic, the floor lets a quiet application retry at all.
 *
 * <p>A retry module tells {@link #onFirstAttempt()} of each call and asks {@link #tryRetry()} before each
 * retry; a refused retry is not sent (the call goes to fallback, or fails with its own error). Refusals are
 * counted ({@link #refusals()}) and logged at WARN at most once a second. One budget per provider id, shared by
 * every stack that retries that provider. Thread-safe.
 */
public final class RetryBudget {

    /** How far back attempts and retries are counted: 10 seconds. */
    public static final Duration WINDOW = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(RetryBudget.class);
    private static final int BUCKETS = (int) WINDOW.getSeconds();

    private final String provider;
    private final double ratio;
    private final int minRetriesPerSecond;
    private final Clock clock;
    private final long[] bucketSecond = new long[BUCKETS];
    private final long[] attempts = new long[BUCKETS];
    private final long[] retries = new long[BUCKETS];
    private long refusals;
    private long lastReportMillis = Long.MIN_VALUE;

    /**
     * @param provider the provider id, for the log line
     * @param ratio retries allowed per first attempt over the window; {@code >= 0}
     * @param minRetriesPerSecond retries allowed per second whatever the traffic; {@code >= 0}
     * @param clock the time the buckets follow; tests pass a virtual one
     * @throws ArcLlmConfigException naming {@code budgetRatio} or {@code minRetriesPerSecond} when negative
     */
    public RetryBudget(String provider, double ratio, int minRetriesPerSecond, Clock clock) {
        if (!(ratio >= 0 && ratio < Double.POSITIVE_INFINITY)) {
            throw new ArcLlmConfigException("budgetRatio must be >= 0, was " + ratio);
        }
        if (minRetriesPerSecond < 0) {
            throw new ArcLlmConfigException("minRetriesPerSecond must be >= 0, was " + minRetriesPerSecond);
        }
        this.provider = Objects.requireNonNull(provider, "provider");
        this.ratio = ratio;
        this.minRetriesPerSecond = minRetriesPerSecond;
        this.clock = Objects.requireNonNull(clock, "clock");
        java.util.Arrays.fill(bucketSecond, Long.MIN_VALUE);
    }

    /** Counts a call's first attempt: it earns the provider {@code ratio} retries for the next 10 s. */
    public synchronized void onFirstAttempt() {
        attempts[bucket(clock.millis())]++;
    }

    /**
     * Takes one retry from the budget if it has one.
     *
     * @return true if the retry may be sent (it is then counted); false if the budget is spent
     */
    public boolean tryRetry() {
        long now = clock.millis();
        long spentRetries;
        long firstAttempts;
        synchronized (this) {
            int current = bucket(now);
            long second = Math.floorDiv(now, 1000);
            firstAttempts = 0;
            spentRetries = 0;
            for (int i = 0; i < BUCKETS; i++) {
                if (bucketSecond[i] > second - BUCKETS) {
                    firstAttempts += attempts[i];
                    spentRetries += retries[i];
                }
            }
            if (spentRetries < allowance(firstAttempts)) {
                retries[current]++;
                return true;
            }
            refusals++;
            if (lastReportMillis != Long.MIN_VALUE && now - lastReportMillis < 1000) {
                return false;
            }
            lastReportMillis = now;
        }
        log.warn("[{}] retry budget spent: {} retries for {} first attempts in the last {}s (ratio {}, floor {}/s); "
                + "failing without retry", provider, spentRetries, firstAttempts, BUCKETS, ratio, minRetriesPerSecond);
        return false;
    }

    /** How many retries this budget refused since it was created. */
    public synchronized long refusals() {
        return refusals;
    }

    /** The provider id this budget belongs to. */
    public String provider() {
        return provider;
    }

    private double allowance(long firstAttempts) {
        return ratio * firstAttempts + (double) minRetriesPerSecond * BUCKETS;
    }

    /** The bucket of {@code nowMillis}'s second, emptied first if it last held an older second. */
    private int bucket(long nowMillis) {
        long second = Math.floorDiv(nowMillis, 1000);
        int index = (int) Math.floorMod(second, (long) BUCKETS);
        if (bucketSecond[index] != second) {
            bucketSecond[index] = second;
            attempts[index] = 0;
            retries[index] = 0;
        }
        return index;
    }

    @Override
    public String toString() {
        return "RetryBudget[" + provider + ", ratio " + ratio + ", floor " + minRetriesPerSecond + "/s]";
    }
}
