package io.arcllm.ratelimit.internal;

import io.arcllm.ratelimit.BudgetBucket;
import io.arcllm.ratelimit.InMemoryRateLimitStore;
import io.arcllm.ratelimit.RateLimitBudget;
import io.arcllm.ratelimit.RateLimitObserver;
import io.arcllm.ratelimit.RateLimitStore;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import io.arcllm.ArcLlmConfigException;
import io.arcllm.config.RateLimitConfig;
import io.arcllm.ratelimit.internal.FailoverBudgetBucket;
import io.arcllm.ratelimit.internal.StoreHealth;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The rate limiters of an application, one per provider id (or per provider and model when {@code per-model} is
 * on), created on first use and shared by every stack that calls that provider. Holds the in-memory store and,
 * when given, the shared (Redis) store; a limiter with {@code store: redis} falls back to the in-memory buckets
 * while Redis is unreachable and {@code on-store-failure} is {@code allow}.
 */
public final class RateLimiters implements AutoCloseable {

    private final InMemoryRateLimitStore memory;
    private final @Nullable RateLimitStore shared;
    private final Scheduler scheduler;
    private final RateLimitObserver observer;
    private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();

    /**
     * @param shared the Redis store for limiters with {@code store: redis}, or null when there is none
     * @param scheduler times the waits and reads the clock (a {@code VirtualTimeScheduler} in tests)
     */
    public RateLimiters(@Nullable RateLimitStore shared, Scheduler scheduler, RateLimitObserver observer) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.memory = new InMemoryRateLimitStore(scheduler);
        this.shared = shared;
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /** In memory only, on the wall clock, unobserved. */
    public RateLimiters() {
        this(null, Schedulers.parallel(), RateLimitObserver.NONE);
    }

    /**
     * The limiter for {@code provider} (and {@code model} when {@code config.perModel()}); the first call for a
     * scope decides its settings, later calls get the same limiter.
     *
     * @param config the provider's settings, resolved over the global ones; unset components take the defaults
     * @throws ArcLlmConfigException if {@code store: redis} is asked for and no shared store was given
     */
    public RateLimiter forProvider(String provider, String model, RateLimitConfig config) {
        RateLimitConfig settings = config.resolved();
        String scope = Boolean.TRUE.equals(settings.perModel()) ? provider + ":" + model : provider;
        if (settings.store() == RateLimitConfig.Store.REDIS && shared == null) {
            throw ArcLlmConfigException.of("store", "is redis for provider '" + provider
                    + "', but no Redis connection is available: configure spring.data.redis.* or set store: memory");
        }
        return limiters.computeIfAbsent(scope, key -> create(provider, key, settings));
    }

    private RateLimiter create(String provider, String scope, RateLimitConfig settings) {
        Map<RateLimitBudget, Long> sizes = new EnumMap<>(RateLimitBudget.class);
        put(sizes, RateLimitBudget.REQUESTS, settings.requestsPerMinute());
        put(sizes, RateLimitBudget.INPUT_TOKENS, settings.inputTokensPerMinute());
        put(sizes, RateLimitBudget.OUTPUT_TOKENS, settings.outputTokensPerMinute());
        boolean redis = settings.store() == RateLimitConfig.Store.REDIS;
        StoreHealth health = redis ? new StoreHealth(provider, scheduler, observer::storeFailed) : null;
        Map<RateLimitBudget, BudgetBucket> buckets = new EnumMap<>(RateLimitBudget.class);
        sizes.forEach((budget, size) -> {
            BudgetBucket local = memory.bucket(scope, budget, size);
            buckets.put(budget, !redis ? local : new FailoverBudgetBucket(provider, budget, shared.bucket(scope, budget, size),
                    settings.onStoreFailure() == RateLimitConfig.OnStoreFailure.ALLOW ? local : null,
                    health, settings.storeTimeout(), scheduler));
        });
        if (redis) {
            // Opens the connection and loads the store's classes now, in the background, rather than on the first
            // burst of calls, whose store operations could then miss the store timeout.
            buckets.values().forEach(bucket -> bucket.available().subscribe(null, e -> { }));
        }
        return new RateLimiter(provider, settings, buckets, sizes, scheduler, observer);
    }

    private static void put(Map<RateLimitBudget, Long> sizes, RateLimitBudget budget, @Nullable Long size) {
        if (size != null && size > 0) {
            sizes.put(budget, size);
        }
    }

    /** Every limiter created so far, by scope ({@code <provider>} or {@code <provider>:<model>}). */
    public Map<String, RateLimiter> all() {
        return Map.copyOf(limiters);
    }

    /** Closes the shared store (not the connection it was given). */
    @Override
    public void close() {
        if (shared != null) {
            shared.close();
        }
    }
}
