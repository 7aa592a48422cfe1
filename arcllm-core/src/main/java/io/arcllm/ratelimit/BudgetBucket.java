package io.arcllm.ratelimit;

import reactor.core.publisher.Mono;

/**
 * One budget's token bucket. Every operation is asynchronous and never blocks a thread; a shared store's
 * operations may fail (the store is unreachable), which the rate limiter handles per {@code on-store-failure}.
 */
public interface BudgetBucket {

    /**
     * Takes {@code tokens} now, even if the bucket goes into debt, and says how long the caller must wait until
     * they would have been available. Callers that reserve later wait longer, so waiting callers are admitted in
     * arrival order. A caller that will not wait gives the tokens back with {@link Reservation#refund}.
     *
     * @param tokens at least 1 and at most the bucket's capacity
     */
    Mono<Reservation> reserve(long tokens);

    /** Gives back tokens that were reserved and not used (never above capacity). */
    Mono<Void> refund(long tokens);

    /** Takes tokens used beyond a reservation, even into debt. */
    Mono<Void> charge(long tokens);

    /** The tokens available now (negative while the bucket is in debt). */
    Mono<Long> available();

    /**
     * Tokens taken from a bucket.
     *
     * @param waitNanos how long until the tokens are available; 0 when they are available now
     * @param bucket the bucket that holds the reservation (refund and charge go there)
     * @param tokens how many tokens were taken
     */
    record Reservation(long waitNanos, BudgetBucket bucket, long tokens) {

        /** Gives the reserved tokens back. */
        public Mono<Void> refund() {
            return bucket.refund(tokens);
        }
    }
}
