package io.arcllm;

import java.time.Duration;
import java.util.Objects;

import io.arcllm.ratelimit.RateLimitBudget;

/**
 * The client-side rate limit could not admit a call to a provider within its {@code max-wait}: sending it
 * would have exceeded a budget (requests, input or output tokens per minute, calls in flight), the provider
 * asked for a pause ({@code Retry-After}), or the shared store was unreachable with {@code on-store-failure: deny}.
 * Nothing was sent to the provider.
 *
 * <p>Retry treats it like an HTTP 429 from the provider and may wait {@link #suggestedWait()}; fallback treats it
 * like any other failure.
 */
public class ArcLlmRateLimitException extends ArcLlmException {

    private final String provider;
    private final RateLimitBudget budget;
    private final Duration suggestedWait;

    /**
     * @param provider the provider id whose budget is spent
     * @param budget which budget refused the call
     * @param suggestedWait how long until the budget is expected to admit the call; zero or more
     * @throws NullPointerException if an argument is null
     */
    public ArcLlmRateLimitException(String provider, RateLimitBudget budget, Duration suggestedWait) {
        super(message(provider, budget, suggestedWait));
        this.provider = Objects.requireNonNull(provider, "provider");
        this.budget = budget;
        this.suggestedWait = suggestedWait.isNegative() ? Duration.ZERO : suggestedWait;
    }

    private static String message(String provider, RateLimitBudget budget, Duration wait) {
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(wait, "suggestedWait");
        return provider + " rate limit: " + budget.description() + "; try again in "
                + Math.max(0, wait.toMillis()) + " ms (raise arcllm.modules.rate-limit.max-wait to wait longer)";
    }

    /** The provider id whose budget is spent. */
    public String provider() {
        return provider;
    }

    /** Which budget refused the call. */
    public RateLimitBudget budget() {
        return budget;
    }

    /** How long until the budget is expected to admit the call (at least zero); a {@code Retry-After} for callers. */
    public Duration suggestedWait() {
        return suggestedWait;
    }
}
