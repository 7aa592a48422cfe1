package io.arcllm.ratelimit;

/**
 * The budgets the rate-limit module enforces per provider. {@link #id()} names the budget in metrics, health and
 * the Redis key {@code arcllm:rate-limit:<provider>:<id>}.
 */
public enum RateLimitBudget {

    /** {@code requests-per-minute}: every attempt takes one request. */
    REQUESTS("requests", "requests per minute spent"),
    /**
     * {@code input-tokens-per-minute}: an attempt reserves its estimated input tokens (about four characters a
     * token), then settles on the reported usage.
     */
    INPUT_TOKENS("input-tokens", "input tokens per minute spent"),
    /** {@code output-tokens-per-minute}: an attempt reserves its {@code max_tokens}. */
    OUTPUT_TOKENS("output-tokens", "output tokens per minute spent"),
    /** {@code max-concurrent}: calls in flight in this JVM. */
    CONCURRENT("concurrent", "too many calls in flight"),
    /** The provider answered 429 with {@code Retry-After}; admission is paused until then. */
    RETRY_AFTER("retry-after", "the provider asked for a pause (429 Retry-After)"),
    /** The shared store (Redis) is unreachable and {@code on-store-failure} is {@code deny}. */
    STORE("store", "the rate-limit store is unreachable (on-store-failure: deny)");

    private final String id;
    private final String description;

    RateLimitBudget(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** The budget's name in metrics, health and Redis keys, e.g. {@code output-tokens}. */
    public String id() {
        return id;
    }

    /** What being refused by this budget means, for messages. */
    public String description() {
        return description;
    }
}
