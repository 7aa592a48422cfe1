package io.arcllm.telemetry;

import java.time.Duration;
import java.util.Objects;

import io.arcllm.ratelimit.RateLimitBudget;
import io.arcllm.ratelimit.RateLimitObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The rate-limit module's meters, recorded into a {@link MeterRegistry}:
 * <ul>
 *   <li>{@value #WAIT_METER} (timer, tag {@code provider}): how long admitted calls waited;</li>
 *   <li>{@value #REJECTION_METER} (counter, tags {@code provider}, {@code budget}): calls refused with
 *       {@link io.arcllm.ArcLlmRateLimitException};</li>
 *   <li>{@value #TOKENS_METER} (counter, tags {@code provider}, {@code budget} = {@code input-tokens} |
 *       {@code output-tokens}, {@code kind} = {@code reserved} | {@code used}): tokens reserved before calls and
 *       used by them, as reconciled;</li>
 *   <li>{@value #STORE_FAILURE_METER} (counter, tag {@code provider}): shared-store operations that failed or
 *       timed out.</li>
 * </ul>
 */
public final class RateLimitMeters implements RateLimitObserver {

    /** Timer of the admission wait. */
    public static final String WAIT_METER = "arcllm.ratelimit.wait";
    /** Counter of refused calls. */
    public static final String REJECTION_METER = "arcllm.ratelimit.rejections";
    /** Counter of tokens reserved and used. */
    public static final String TOKENS_METER = "arcllm.ratelimit.tokens";
    /** Counter of shared-store failures. */
    public static final String STORE_FAILURE_METER = "arcllm.ratelimit.store.failures";

    private final MeterRegistry registry;

    /** Records into {@code registry}. */
    public RateLimitMeters(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void admitted(String provider, Duration waited) {
        Timer.builder(WAIT_METER).description("Time LLM calls waited to be admitted by the rate limit")
                .tag("provider", provider).register(registry).record(waited);
    }

    @Override
    public void rejected(String provider, RateLimitBudget budget) {
        Counter.builder(REJECTION_METER).description("LLM calls refused by the rate limit")
                .tags("provider", provider, "budget", budget.id()).register(registry).increment();
    }

    @Override
    public void reconciled(String provider, RateLimitBudget budget, long reserved, long used) {
        tokens(provider, budget, "reserved").increment(reserved);
        tokens(provider, budget, "used").increment(used);
    }

    @Override
    public void storeFailed(String provider, Throwable error) {
        Counter.builder(STORE_FAILURE_METER).description("Rate-limit store operations that failed or timed out")
                .tag("provider", provider).register(registry).increment();
    }

    private Counter tokens(String provider, RateLimitBudget budget, String kind) {
        return Counter.builder(TOKENS_METER).description("Tokens reserved by the rate limit and used by LLM calls")
                .baseUnit("tokens").tags("provider", provider, "budget", budget.id(), "kind", kind).register(registry);
    }
}
