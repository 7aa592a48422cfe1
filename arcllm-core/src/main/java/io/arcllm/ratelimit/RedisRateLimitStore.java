package io.arcllm.ratelimit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.api.StatefulRedisConnection;
import reactor.core.publisher.Mono;

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

    private final AsyncProxyManager<byte[]> buckets;
    private final Map<String, BudgetBucket> proxies = new ConcurrentHashMap<>();

    /**
     * @param connection a Lettuce connection with byte-array values (e.g. {@code ByteArrayCodec}); not closed by
     *     {@link #close()}, its owner closes it
     */
    public RedisRateLimitStore(StatefulRedisConnection<byte[], byte[]> connection) {
        Objects.requireNonNull(connection, "connection");
        this.buckets = Bucket4jLettuce.casBasedBuilder(connection)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_FULL_BUCKET))
                .build()
                .asAsync();
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
        // Batching: operations of this JVM on one key that arrive while one is in flight go to Redis together, so a
        // burst of calls costs a few compare-and-swap rounds instead of one contended round per call.
        return proxies.computeIfAbsent(key + "/" + perMinute, k -> new RedisBudgetBucket(buckets.builder()
                .withOptimization(Optimizations.batching())
                .build(key.getBytes(StandardCharsets.UTF_8), () -> CompletableFuture.completedFuture(shape))));
    }

    @Override
    public boolean isShared() {
        return true;
    }

    private record RedisBudgetBucket(AsyncBucketProxy bucket) implements BudgetBucket {

        @Override
        public Mono<Reservation> reserve(long tokens) {
            return Mono.fromFuture(() -> bucket.consumeIgnoringRateLimits(tokens))
                    .map(wait -> new Reservation(wait, this, tokens));
        }

        @Override
        public Mono<Void> refund(long tokens) {
            return Mono.fromFuture(() -> bucket.addTokens(tokens));
        }

        @Override
        public Mono<Void> charge(long tokens) {
            return Mono.fromFuture(() -> bucket.consumeIgnoringRateLimits(tokens)).then();
        }

        @Override
        public Mono<Long> available() {
            return Mono.fromFuture(bucket::getAvailableTokens);
        }
    }
}
