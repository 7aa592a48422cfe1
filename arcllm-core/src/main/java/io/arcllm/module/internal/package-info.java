/**
 * The module implementations (retry, fallback, circuit breaker, rate limit, request defaults) and their
 * helpers (retry budget, retryable-error rules, per-provider state, the fallback loader).
 *
 * <p>Internal: public only so that the registry's stack builder and ArcLLM's Spring Boot integration can use
 * it. Not supported API; it may change in any release. Configure modules with the settings records of
 * {@code io.arcllm.config} instead. Log categories are the class names ({@code io.arcllm.module.internal.RetryModule},
 * ...); {@code logging.level.io.arcllm.module} covers them all.
 */
package io.arcllm.module.internal;
