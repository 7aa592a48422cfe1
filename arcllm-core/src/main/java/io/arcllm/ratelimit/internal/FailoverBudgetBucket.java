package io.arcllm.ratelimit.internal;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.arcllm.ArcLlmRateLimitException;
import io.arcllm.ratelimit.BudgetBucket;
import io.arcllm.ratelimit.BudgetBucket.Reservation;
import io.arcllm.ratelimit.RateLimitBudget;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * A shared-store bucket guarded against store outages: each operation is cut after the store timeout; a
 * failure either falls back to the local bucket ({@code on-store-failure: allow}, {@code local} not null; emptied
 * when an outage begins, so it admits at the configured rate rather than in a burst; a call that would wait on it
 * longer than the store is skipped is refused, so no local queue outlives the outage) or
 * refuses with {@link ArcLlmRateLimitException} of budget {@link RateLimitBudget#STORE} ({@code deny}).
 * Refunds and charges that fail are dropped: the shared bucket refills by itself.
 */
final class FailoverBudgetBucket implements BudgetBucket {

    private static final Duration DENY_SUGGESTED_WAIT = Duration.ofSeconds(1);

    private final String scope;
    private final RateLimitBudget budget;
    private final BudgetBucket shared;
    private final @Nullable BudgetBucket local;
    private final StoreHealth health;
    private final Duration timeout;
    private final Scheduler scheduler;
    private final AtomicBoolean sharedUp = new AtomicBoolean(true);

    public FailoverBudgetBucket(String scope, RateLimitBudget budget, BudgetBucket shared, @Nullable BudgetBucket local,
                                StoreHealth health, Duration timeout, Scheduler scheduler) {
        this.scope = scope;
        this.budget = budget;
        this.shared = shared;
        this.local = local;
        this.health = health;
        this.timeout = timeout;
        this.scheduler = scheduler;
    }

    @Override
    public Mono<Reservation> reserve(long tokens) {
        if (health.skipping()) {
            return fallback(tokens);
        }
        Mono<Reservation> attempt = shared.reserve(tokens).cache();
        return guard(attempt)
                .doOnNext(reservation -> sharedUp.set(true))
                .onErrorResume(this::isStoreFailure, e -> {
                    health.failed(e, local != null ? "admitting against this JVM's buckets" : "refusing calls");
                    if (e instanceof TimeoutException) {
                        // The reservation may still land in Redis after the timeout: give it back when it does.
                        attempt.flatMap(Reservation::refund).subscribe(null, late -> { });
                    }
                    return fallback(tokens);
                });
    }

    private Mono<Reservation> fallback(long tokens) {
        if (local == null) {
            return Mono.error(new ArcLlmRateLimitException(scope, RateLimitBudget.STORE, DENY_SUGGESTED_WAIT));
        }
        // The local bucket sat unused while the shared one worked, so it is full: empty it when an outage begins,
        // so that each instance admits at the configured rate from then on instead of a minute's budget at once.
        Mono<Void> drain = sharedUp.compareAndSet(true, false)
                ? local.available().flatMap(held -> held > 0 ? local.charge(held) : Mono.empty())
                : Mono.empty();
        // Wait on the local bucket only as long as the shared store is skipped: a longer local queue would go on
        // admitting after the store is back, outside the shared budget. The rest is refused, to be retried.
        return drain.then(local.reserve(tokens)).flatMap(reservation -> reservation.waitNanos() <= StoreHealth.SKIP_AFTER_FAILURE_NANOS
                ? Mono.just(reservation)
                : reservation.refund().then(Mono.error(new ArcLlmRateLimitException(scope, budget,
                        Duration.ofNanos(reservation.waitNanos())))));
    }

    @Override
    public Mono<Void> refund(long tokens) {
        return health.skipping() ? Mono.empty() : quiet(shared.refund(tokens));
    }

    @Override
    public Mono<Void> charge(long tokens) {
        return health.skipping() ? Mono.empty() : quiet(shared.charge(tokens));
    }

    @Override
    public Mono<Long> available() {
        if (health.skipping()) {
            return local != null ? local.available() : Mono.empty();
        }
        return guard(shared.available()).onErrorResume(this::isStoreFailure, e -> Mono.empty());
    }

    private <T> Mono<T> guard(Mono<T> operation) {
        return operation.timeout(timeout, scheduler);
    }

    private Mono<Void> quiet(Mono<Void> operation) {
        return guard(operation).onErrorResume(this::isStoreFailure, e -> {
            health.failed(e, "dropping a refund or charge");
            return Mono.empty();
        });
    }

    private boolean isStoreFailure(Throwable e) {
        // Lettuce and Bucket4j signal an unreachable Redis with several exception types (and the guard with a
        // TimeoutException); anything but an Error counts, except the refusal fallback() itself raises.
        return e instanceof Exception && !(e instanceof ArcLlmRateLimitException);
    }
}
