package io.arcllm.ratelimit.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.scheduler.Scheduler;

/**
 * What a limiter knows about its shared store's reachability. After a failure the store is skipped for
 * {@link #SKIP_AFTER_FAILURE_NANOS} (so an outage costs one {@code store-timeout}, not one per call), then tried
 * again. A failure is logged at WARN at most once a minute and always reported to the listener (a counter).
 */
final class StoreHealth {

    public static final long SKIP_AFTER_FAILURE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final Logger log = LoggerFactory.getLogger(StoreHealth.class);

    private final String scope;
    private final Scheduler clock;
    private final BiConsumer<String, Throwable> onFailure;
    private final AtomicLong skipUntil = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong nextLog = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong failures = new AtomicLong();

    public StoreHealth(String scope, Scheduler clock, BiConsumer<String, Throwable> onFailure) {
        this.scope = scope;
        this.clock = clock;
        this.onFailure = onFailure;
    }

    /** Whether the store failed less than a second ago, so it should not be asked now. */
    public boolean skipping() {
        return now() < skipUntil.get();
    }

    /** Records a failed or timed-out store operation. */
    public void failed(Throwable error, String fallback) {
        long now = now();
        skipUntil.set(now + SKIP_AFTER_FAILURE_NANOS);
        long count = failures.incrementAndGet();
        onFailure.accept(scope, error);
        long due = nextLog.get();
        if (now >= due && nextLog.compareAndSet(due, now + LOG_EVERY_NANOS)) {
            log.warn("{}: rate-limit store unreachable ({}); {} ({} failures so far, next log in a minute at the earliest)",
                    scope, error.toString(), fallback, count);
        }
    }

    /** Store failures seen so far. */
    public long failures() {
        return failures.get();
    }

    private long now() {
        return clock.now(TimeUnit.NANOSECONDS);
    }
}
