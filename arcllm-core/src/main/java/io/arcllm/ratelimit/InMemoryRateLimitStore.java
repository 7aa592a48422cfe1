package io.arcllm.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Buckets in this JVM's memory (Bucket4j local buckets, lock-free). The default store: each instance of an
 * application has its own budgets. Time is read from a Reactor {@link Scheduler}, so tests can run it in
 * virtual time. Thread-safe; never shared, so its operations never fail.
 */
public final class InMemoryRateLimitStore implements RateLimitStore {

    private final TimeMeter time;
    private final Map<String, LocalBudgetBucket> buckets = new ConcurrentHashMap<>();

    /** A store on the wall clock. */
    public InMemoryRateLimitStore() {
        this(Schedulers.parallel());
    }

    /** A store reading time from {@code clock} (e.g. a {@code VirtualTimeScheduler} in tests). */
    public InMemoryRateLimitStore(Scheduler clock) {
        Objects.requireNonNull(clock, "clock");
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.now(TimeUnit.NANOSECONDS);
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    @Override
    public BudgetBucket bucket(String scope, RateLimitBudget budget, long perMinute) {
        if (perMinute <= 0) {
            throw new IllegalArgumentException("perMinute must be > 0, was " + perMinute);
        }
        return buckets.computeIfAbsent(RateLimitStore.key(scope, budget) + "/" + perMinute,
                key -> new LocalBudgetBucket(Bucket.builder()
                        .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                        .withCustomTimePrecision(time)
                        .build()));
    }

    @Override
    public boolean isShared() {
        return false;
    }

    private record LocalBudgetBucket(Bucket bucket) implements BudgetBucket {

        @Override
        public Mono<Reservation> reserve(long tokens) {
            return Mono.fromSupplier(() -> new Reservation(bucket.consumeIgnoringRateLimits(tokens), this, tokens));
        }

        @Override
        public Mono<Void> refund(long tokens) {
            return Mono.fromRunnable(() -> bucket.addTokens(tokens));
        }

        @Override
        public Mono<Void> charge(long tokens) {
            return Mono.fromRunnable(() -> bucket.consumeIgnoringRateLimits(tokens));
        }

        @Override
        public Mono<Long> available() {
            return Mono.fromSupplier(bucket::getAvailableTokens);
        }
    }
}
