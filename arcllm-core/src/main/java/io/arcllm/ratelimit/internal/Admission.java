package io.arcllm.ratelimit.internal;

import io.arcllm.ratelimit.RateLimitBudget;
import io.arcllm.ratelimit.RateLimitObserver;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.arcllm.ArcLlmApiException;
import io.arcllm.Usage;
import io.arcllm.ratelimit.BudgetBucket.Reservation;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * A call admitted by a {@link RateLimiter}: it holds the call's token reservations and, with {@code max-concurrent},
 * a place in flight. End it exactly once with {@link #complete()}, {@link #fail(Throwable)} or {@link #cancel()};
 * later calls are ignored.
 */
final class Admission {

    private static final Logger log = LoggerFactory.getLogger(Admission.class);

    private final String provider;
    private final @Nullable Reservation input;
    private final @Nullable Reservation output;
    private final Duration waited;
    private final Runnable leave;
    private final RateLimitObserver observer;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile @Nullable Usage usage;

    Admission(String provider, @Nullable Reservation input, @Nullable Reservation output, Duration waited,
              Runnable leave, RateLimitObserver observer) {
        this.provider = provider;
        this.input = input;
        this.output = output;
        this.waited = waited;
        this.leave = leave;
        this.observer = observer;
    }

    /** How long the call waited to be admitted. */
    public Duration waited() {
        return waited;
    }

    /** Records the usage the provider reported (a streamed answer may report it before it ends). */
    public void recordUsage(@Nullable Usage reported) {
        if (reported != null && (reported.inputTokens() > 0 || reported.outputTokens() > 0)) {
            usage = reported;
        }
    }

    /**
     * The call succeeded: reservations are reconciled with the recorded usage (unused tokens refunded, tokens
     * used beyond the reservation charged). Without reported usage the reservations stand.
     */
    public void complete() {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        Usage used = usage;
        if (used != null) {
            reconcile(RateLimitBudget.INPUT_TOKENS, input, used.inputTokens());
            reconcile(RateLimitBudget.OUTPUT_TOKENS, output, used.outputTokens());
        }
        leave.run();
    }

    /**
     * The call failed. When the provider answered with an error it generated nothing, so the token reservations are
     * refunded (the request still counts); after a transport failure or timeout the reservations stand, since the
     * provider may have done the work.
     */
    public void fail(Throwable error) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        if (error instanceof ArcLlmApiException) {
            reconcile(RateLimitBudget.INPUT_TOKENS, input, 0);
            reconcile(RateLimitBudget.OUTPUT_TOKENS, output, 0);
        }
        leave.run();
    }

    /** The caller cancelled: the reservations stand (the provider may still do the work), the place in flight is freed. */
    public void cancel() {
        if (ended.compareAndSet(false, true)) {
            leave.run();
        }
    }

    private void reconcile(RateLimitBudget budget, @Nullable Reservation reservation, long used) {
        if (reservation == null) {
            return;
        }
        observer.reconciled(provider, budget, reservation.tokens(), used);
        long unused = reservation.tokens() - used;
        Mono<Void> fix = unused > 0 ? reservation.bucket().refund(unused)
                : unused < 0 ? reservation.bucket().charge(-unused) : Mono.empty();
        fix.subscribe(null, e -> log.debug("{}: reconciling {} failed: {}", provider, budget.id(), e.toString()));
    }
}
