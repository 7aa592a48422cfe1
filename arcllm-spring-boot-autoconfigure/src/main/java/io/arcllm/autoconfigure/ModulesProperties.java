package io.arcllm.autoconfigure;

import java.util.List;

import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * {@code arcllm.modules.*} (global) and {@code arcllm.providers.<id>.modules.*} (one provider's overrides): the
 * same class in both places. Per module: {@code enabled: false} turns it off; any setting turns it on with those
 * settings merged over the global ones (unless {@code enabled: false}); {@code enabled: true} alone turns it on;
 * nothing follows the global flag. A module name not listed here fails at startup.
 */
public class ModulesProperties {

    /** Retry settings. */
    @NestedConfigurationProperty
    private final RetryProperties retry = new RetryProperties();

    /** Fallback settings. */
    @NestedConfigurationProperty
    private final FallbackProperties fallback = new FallbackProperties();

    /** Telemetry settings (Micrometer observations and meters, when the application has a registry). */
    @NestedConfigurationProperty
    private final TelemetryProperties telemetry = new TelemetryProperties();

    /** Circuit breaker settings: one circuit per provider, failing calls at once while the provider is down. */
    @NestedConfigurationProperty
    private final CircuitBreakerProperties circuitBreaker = new CircuitBreakerProperties();

    public RetryProperties getRetry() {
        return retry;
    }

    public FallbackProperties getFallback() {
        return fallback;
    }

    public RateLimitProperties getRateLimit() {
        return rateLimit;
    }

    public CircuitBreakerProperties getCircuitBreaker() {
        return circuitBreaker;
    }

    public TelemetryProperties getTelemetry() {
        return telemetry;
    }

    /** Rate-limit settings: client-side admission per provider, in memory or shared on Redis. */
    @NestedConfigurationProperty
    private final RateLimitProperties rateLimit = new RateLimitProperties();

    /** Every module's properties mapped generically (rate limit is mapped by {@link RateLimitMapping}). */
    List<ModuleProperties<?>> all() {
        return List.of(retry, fallback, telemetry, circuitBreaker);
    }
}
