/**
 * The rate limiter: per provider (or per model) admission against the budgets of a
 * {@link io.arcllm.config.RateLimitConfig}, token estimates, learning from the provider's rate-limit headers,
 * the concurrency gate, and fail-over when a shared store is unreachable.
 *
 * <p>Internal: public only so that the registry, the rate-limit module and the Spring Boot health indicator
 * can use it. Not supported API; it may change in any release.
 */
package io.arcllm.ratelimit.internal;
