package io.arcllm.ratelimit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.api.StatefulRedisConnection;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Buckets in Redis, shared by every instance of an application that uses the same Redis: Bucket4j's Lettuce
 * proxy manager (compare-and-swap, one key per bucket: {@code arcllm:rate-limit:<provider>:<budget>}; keys
 * expire once their bucket would be full again). Time is each client's wall clock, so instances should keep
 * their clocks in sync (NTP). Operations are asynchronous; when Redis is unreachable they fail (or are cut by
 * the limiter's {@code store-timeout}), they never block a thread.
 *
 * <p>Requires {@code com.bucket4j:bucket4j_jdk17-lettuce} and {@code io.lettuce:lettuce-core} on the class path.
 */
public final class RedisRateLimitStore implements RateLimitStore {

    /** How long a full bucket's key is kept after it was last written. */
    private static final Duration KEEP_FULL_BUCKET = Duration.ofSeconds(10);

    private final Supplier<StatefulRedisConnection<byte[], byte[]>> connect;
    private final AtomicReference<AsyncProxyManager<byte[]>> manager = new AtomicReference<>();
    private final Map<String, BudgetBucket> buckets = new ConcurrentHashMap<>();

    /**
     * Over an open connection.
     *
     * @param connection a Lettuce connection with byte-array values (e.g. {@code ByteArrayCodec}); not closed by
     *     {@link #close()}, its owner closes it
     */
    public RedisRateLimitStore(StatefulRedisConnection<byte[], byte[]> connection) {
        Objects.requireNonNull(connection, "connection");
        this.connect = () -> connection;
        this.manager.set(proxyManager(connection));
    }

    private RedisRateLimitStore(Supplier<StatefulRedisConnection<byte[], byte[]>> connect) {
        this.connect = connect;
    }

    /**
     * A store that opens its connection on first use, off the caller's thread, and tries again on the next use
     * if Redis cannot be reached then: an application starts even while Redis is down.
     *
     * @param connect opens a connection with byte-array values (may block; called on a bounded-elastic thread)
     */
    public static RedisRateLimitStore connectingLazily(Supplier<StatefulRedisConnection<byte[], byte[]>> connect) {
        return new RedisRateLimitStore(Objects.requireNonNull(connect, "connect"));
    }

    private static AsyncProxyManager<byte[]> proxyManager(StatefulRedisConnection<byte[], byte[]> connection) {
        return Bucket4jLettuce.casBasedBuilder(connection)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_FULL_BUCKET))
                .build()
                .asAsync();
    }

    private Mono<AsyncProxyManager<byte[]>> manager() {
        AsyncProxyManager<byte[]> ready = manager.get();
        if (ready != null) {
            return Mono.just(ready);
        }
        return Mono.fromCallable(() -> {
            synchronized (manager) {
                if (manager.get() == null) {
                    manager.set(proxyManager(connect.get()));
                }
                return manager.get();
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public BudgetBucket bucket(String scope, RateLimitBudget budget, long perMinute) {
        if (perMinute <= 0) {
            throw new IllegalArgumentException("perMinute must be > 0, was " + perMinute);
        }
        String key = RateLimitStore.key(scope, budget);
        BucketConfiguration shape = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build();
        return buckets.computeIfAbsent(key + "/" + perMinute, k -> new RedisBudgetBucket(key, shape));
    }

    @Override
    public boolean isShared() {
        return true;
    }

    private final class RedisBudgetBucket implements BudgetBucket {

        private final byte[] key;
        private final BucketConfiguration shape;
        private volatile AsyncBucketProxy proxy;

        RedisBudgetBucket(String key, BucketConfiguration shape) {
            this.key = key.getBytes(StandardCharsets.UTF_8);
            this.shape = shape;
        }

        private <T> Mono<T> on(Function<AsyncBucketProxy, CompletableFuture<T>> operation) {
            AsyncBucketProxy known = proxy;
            Mono<AsyncBucketProxy> bucket = known != null ? Mono.just(known) : manager().map(pm -> {
                // Batching: this JVM's operations on one key that arrive while one is in flight go to Redis
                // together, so a burst costs a few compare-and-swap rounds instead of one contended round per call.
                AsyncBucketProxy created = pm.builder().withOptimization(Optimizations.batching())
                        .build(key, () -> CompletableFuture.completedFuture(shape));
                proxy = created;
                return created;
            });
            // Never cancel Bucket4j's future when the limiter gives up on it (store timeout): a cancelled operation
            // would stall the batch queued behind it. The operation still completes in Redis, or fails there.
            return bucket.flatMap(b -> Mono.fromFuture(() -> operation.apply(b), true));
        }

        @Override
        public Mono<Reservation> reserve(long tokens) {
            return on(b -> b.consumeIgnoringRateLimits(tokens)).map(wait -> new Reservation(wait, this, tokens));
        }

        @Override
        public Mono<Void> refund(long tokens) {
            return on(b -> b.addTokens(tokens));
        }

        @Override
        public Mono<Void> charge(long tokens) {
            return on(b -> b.consumeIgnoringRateLimits(tokens)).then();
        }

        @Override
        public Mono<Long> available() {
            return on(AsyncBucketProxy::getAvailableTokens);
        }
    }
}
