/**
 * Where the rate-limit module keeps its token buckets, and what it reports: the
 * {@link io.arcllm.ratelimit.RateLimitStore} SPI with its two implementations,
 * {@link io.arcllm.ratelimit.InMemoryRateLimitStore} (one JVM) and
 * {@link io.arcllm.ratelimit.RedisRateLimitStore} (every instance of an application, Bucket4j over Lettuce);
 * the {@link io.arcllm.ratelimit.BudgetBucket} a store hands out; the {@link io.arcllm.ratelimit.RateLimitBudget}s
 * enforced; and the {@link io.arcllm.ratelimit.RateLimitObserver} told of waits, refusals and tokens.
 *
 * <p>Supported API. The limiter itself (admission, token estimates, header learning, store fail-over) lives in
 * {@code io.arcllm.ratelimit.internal}, which is not supported API and may change in any release. Configure
 * limits with {@link io.arcllm.config.RateLimitConfig}.
 */
package io.arcllm.ratelimit;
