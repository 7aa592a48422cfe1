package io.arcllm.ratelimit;

/**
 * Where a provider's token buckets live: {@link InMemoryRateLimitStore} (one JVM) or {@link RedisRateLimitStore}
 * (every instance of an application). Both hold Bucket4j buckets of the same shape, so limits behave the same
 * in memory and in Redis.
 */
public interface RateLimitStore extends AutoCloseable {

    /**
     * The bucket for one budget of one scope: it holds at most {@code perMinute} tokens, starts full and refills
     * greedily at {@code perMinute} tokens a minute. Asking twice for the same key gives buckets over the same state.
     *
     * @param scope the provider id, or {@code <provider>:<model>} when limits are per model
     * @param perMinute the budget, greater than zero
     */
    BudgetBucket bucket(String scope, RateLimitBudget budget, long perMinute);

    /** Whether the buckets are shared with other JVMs (and so may be unreachable). */
    boolean isShared();

    /** The key a bucket is stored under: {@code arcllm:rate-limit:<scope>:<budget>}. */
    static String key(String scope, RateLimitBudget budget) {
        return "arcllm:rate-limit:" + scope + ":" + budget.id();
    }

    /** Releases what the store holds (not a connection it was given). Default: nothing. */
    @Override
    default void close() {
    }
}
