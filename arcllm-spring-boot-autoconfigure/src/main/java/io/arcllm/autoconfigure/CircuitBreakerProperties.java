package io.arcllm.autoconfigure;

import java.time.Duration;
import java.util.function.UnaryOperator;

import io.arcllm.config.CircuitBreakerConfig;
import io.arcllm.config.ModuleKind;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.PropertyMapper;

/**
 * {@code arcllm.modules.circuit-breaker.*} (global) and {@code arcllm.providers.<id>.modules.circuit-breaker.*}
 * (one provider's override): one circuit per provider id, shared by every stack that calls it. Unset values
 * inherit: a provider's from the global settings, the global ones from {@link CircuitBreakerConfig#defaults()}.
 */
public class CircuitBreakerProperties implements ModuleProperties<CircuitBreakerConfig.Builder> {

    /** Whether the circuit breaker is on: globally, for providers without an override; per provider, for that provider (any setting also turns it on unless this is false). Default false. */
    private @Nullable Boolean enabled;

    /** Percentage of failed attempts (what retry would retry: retryable statuses, transport errors, timeouts) in the sliding window at or above which the circuit opens; more than 0, at most 100. Default 50. */
    private @Nullable Float failureRateThreshold;

    /** How many attempts the sliding window must hold before its failure rate is judged; at least 1. Default 10. */
    private @Nullable Integer minimumCalls;

    /** How far back attempts are counted; whole seconds, at least 1s. Default 10s. */
    private @Nullable Duration slidingWindow;

    /** How long an open circuit fails calls at once (ArcLlmCircuitOpenException, nothing sent) before letting probes through; a provider's longer Retry-After keeps it open that long. Default 30s. */
    private @Nullable Duration openDuration;

    /** How many probe calls a half-open circuit lets through before it closes or opens again; at least 1. Default 3. */
    private @Nullable Integer halfOpenCalls;

    @Override
    public ModuleKind<?, CircuitBreakerConfig.Builder> kind() {
        return CircuitBreakerConfig.KIND;
    }

    @Override
    public @Nullable UnaryOperator<CircuitBreakerConfig.Builder> changes() {
        if (failureRateThreshold == null && minimumCalls == null && slidingWindow == null && openDuration == null
                && halfOpenCalls == null) {
            return null;
        }
        Float threshold = failureRateThreshold;
        Integer minimum = minimumCalls;
        Duration window = slidingWindow;
        Duration open = openDuration;
        Integer probes = halfOpenCalls;
        return builder -> {
            PropertyMapper map = PropertyMapper.get();
            map.from(threshold).to(builder::failureRateThreshold);
            map.from(minimum).to(builder::minimumCalls);
            map.from(window).to(builder::slidingWindow);
            map.from(open).to(builder::openDuration);
            map.from(probes).to(builder::halfOpenCalls);
            return builder;
        };
    }

    @Override
    public @Nullable Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(@Nullable Boolean enabled) {
        this.enabled = enabled;
    }

    public @Nullable Float getFailureRateThreshold() {
        return failureRateThreshold;
    }

    public void setFailureRateThreshold(@Nullable Float failureRateThreshold) {
        this.failureRateThreshold = failureRateThreshold;
    }

    public @Nullable Integer getMinimumCalls() {
        return minimumCalls;
    }

    public void setMinimumCalls(@Nullable Integer minimumCalls) {
        this.minimumCalls = minimumCalls;
    }

    public @Nullable Duration getSlidingWindow() {
        return slidingWindow;
    }

    public void setSlidingWindow(@Nullable Duration slidingWindow) {
        this.slidingWindow = slidingWindow;
    }

    public @Nullable Duration getOpenDuration() {
        return openDuration;
    }

    public void setOpenDuration(@Nullable Duration openDuration) {
        this.openDuration = openDuration;
    }

    public @Nullable Integer getHalfOpenCalls() {
        return halfOpenCalls;
    }

    public void setHalfOpenCalls(@Nullable Integer halfOpenCalls) {
        this.halfOpenCalls = halfOpenCalls;
    }
}
