package io.arcllm.ratelimit.internal;

import io.arcllm.ratelimit.BudgetBucket;
import io.arcllm.ratelimit.RateLimitBudget;
import io.arcllm.ratelimit.RateLimitObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

import io.arcllm.ArcLlmApiException;
import io.arcllm.ArcLlmRateLimitException;
import io.arcllm.LlmRequest;
import io.arcllm.Usage;
import io.arcllm.adapter.internal.ProviderResponseListener;
import io.arcllm.config.RateLimitConfig;
import io.arcllm.ratelimit.BudgetBucket.Reservation;
import io.arcllm.ratelimit.internal.ConcurrencyGate;
import io.arcllm.ratelimit.internal.RateLimitHeaders;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The admission state of one provider (or one model of a provider), shared by every stack that calls it. Get it
 * from {@link RateLimiters}. Each attempt is admitted once every configured budget can pay for it:
 * <ol>
 *   <li>a pause asked for by the provider ({@code 429} with {@code Retry-After}) must be over;</li>
 *   <li>one request, the estimated input tokens and {@code max_tokens} output tokens are reserved (each at most
 *       the budget's size); a budget in debt makes the call wait until it has refilled. Reserving in arrival
 *       order means waiting calls are admitted in arrival order;</li>
 *   <li>with {@code max-concurrent}, a place in flight is taken, again in arrival order.</li>
 * </ol>
 * Waiting never holds a thread. If the wait would exceed {@code max-wait} (at once for {@code 0s}), nothing is
 * sent and the call fails with {@link ArcLlmRateLimitException} naming the budget and the expected wait.
 */
public final class RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    private static final Duration CONCURRENT_SUGGESTED_WAIT = Duration.ofSeconds(1);
    private static final long LEARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final String provider;
    private final RateLimitConfig config;
    private final Map<RateLimitBudget, BudgetBucket> buckets;
    private final Map<RateLimitBudget, Long> sizes;
    private final @Nullable ConcurrencyGate gate;
    private final Scheduler scheduler;
    private final RateLimitObserver observer;
    private final AtomicLong pausedUntil = new AtomicLong();
    private final AtomicLong nextLearning = new AtomicLong(Long.MIN_VALUE);
    private final ProviderResponseListener learner = (id, status, headers) -> learn(headers);
    private volatile RateLimitHeaders.Reported reported = new RateLimitHeaders.Reported(Map.of(), Map.of());

    RateLimiter(String provider, RateLimitConfig config, Map<RateLimitBudget, BudgetBucket> buckets,
                Map<RateLimitBudget, Long> sizes, Scheduler scheduler, RateLimitObserver observer) {
        this.provider = provider;
        this.config = config;
        this.buckets = Collections.unmodifiableMap(new EnumMap<>(buckets));
        this.sizes = Map.copyOf(sizes);
        this.gate = config.maxConcurrent() > 0 ? new ConcurrencyGate(config.maxConcurrent()) : null;
        this.scheduler = scheduler;
        this.observer = observer;
    }

    /** The provider id. */
    public String provider() {
        return provider;
    }

    /** The resolved settings. */
    public RateLimitConfig config() {
        return config;
    }

    /**
     * Runs one attempt under the limit: admits it, subscribes to {@code attempt}, lets the adapter report the
     * provider's rate-limit headers, records the usage of each element ({@code usageOf} may return null) and
     * reconciles when the attempt ends. Works for a single answer and for a stream alike.
     *
     * @param defaultMaxTokens the output reservation when the request sets no {@code maxTokens}
     * @return the attempt's elements; fails with {@link ArcLlmRateLimitException} when not admitted in time
     */
    public <T> Flux<T> limit(LlmRequest request, int defaultMaxTokens, Supplier<? extends Publisher<T>> attempt,
                             Function<? super T, @Nullable Usage> usageOf) {
        long output = request.maxTokens() != null ? request.maxTokens() : defaultMaxTokens;
        return Flux.usingWhen(admit(TokenEstimate.inputTokens(request), output),
                admission -> Flux.defer(attempt)
                        .contextWrite(ctx -> ctx.put(ProviderResponseListener.CONTEXT_KEY, learner))
                        .doOnNext(element -> admission.recordUsage(usageOf.apply(element)))
                        .doOnError(this::onFailure),
                admission -> Mono.fromRunnable(admission::complete),
                (admission, error) -> Mono.fromRunnable(() -> admission.fail(error)),
                admission -> Mono.fromRunnable(admission::cancel));
    }

    /**
     * Admits a call that will use about {@code inputTokens} and at most {@code outputTokens}; the caller must end
     * the returned {@link Admission}. Prefer {@link #limit}, which does that.
     */
    public Mono<Admission> admit(long inputTokens, long outputTokens) {
        return Mono.defer(() -> {
            long start = now();
            long maxWait = config.maxWait().toNanos();
            long pause = pausedUntil.get() - start;
            if (pause > maxWait) {
                return Mono.error(refusal(RateLimitBudget.RETRY_AFTER, pause));
            }
            Map<RateLimitBudget, Long> wanted = new EnumMap<>(RateLimitBudget.class);
            wanted.put(RateLimitBudget.REQUESTS, 1L);
            wanted.put(RateLimitBudget.INPUT_TOKENS, Math.max(1, inputTokens));
            wanted.put(RateLimitBudget.OUTPUT_TOKENS, Math.max(1, outputTokens));
            wanted.keySet().retainAll(buckets.keySet());
            Map<RateLimitBudget, Reservation> held = Collections.synchronizedMap(new EnumMap<>(RateLimitBudget.class));
            return Flux.fromIterable(wanted.entrySet())
                    .concatMap(want -> buckets.get(want.getKey())
                            .reserve(Math.min(want.getValue(), sizes.get(want.getKey())))
                            .doOnNext(reservation -> held.put(want.getKey(), reservation)))
                    .then(Mono.defer(() -> enter(held, Math.max(0, pause), maxWait, start)))
                    .onErrorResume(error -> refund(held).then(Mono.error(error)))
                    .doOnCancel(() -> refund(held).subscribe())
                    .doOnError(ArcLlmRateLimitException.class, e -> observer.rejected(provider, e.budget()));
        });
    }

    private Mono<Admission> enter(Map<RateLimitBudget, Reservation> held, long pause, long maxWait, long start) {
        long wait = pause;
        RateLimitBudget slowest = RateLimitBudget.RETRY_AFTER;
        for (Map.Entry<RateLimitBudget, Reservation> reservation : held.entrySet()) {
            if (reservation.getValue().waitNanos() > wait) {
                wait = reservation.getValue().waitNanos();
                slowest = reservation.getKey();
            }
        }
        if (wait > maxWait) {
            return Mono.error(refusal(slowest, wait));
        }
        Mono<Void> refill = wait > 0 ? Mono.delay(Duration.ofNanos(wait), scheduler).then() : Mono.empty();
        Mono<Void> inFlight = gate == null ? Mono.empty() : enterGate(maxWait - wait);
        return refill.then(inFlight).then(Mono.fromSupplier(() -> {
            Duration waited = Duration.ofNanos(Math.max(0, now() - start));
            observer.admitted(provider, waited);
            return new Admission(provider, held.get(RateLimitBudget.INPUT_TOKENS), held.get(RateLimitBudget.OUTPUT_TOKENS),
                    waited, gate == null ? () -> { } : gate::release, observer);
        }));
    }

    private Mono<Void> enterGate(long remainingWait) {
        ConcurrencyGate gate = this.gate;
        Mono<Void> refused = Mono.error(() -> refusal(RateLimitBudget.CONCURRENT, CONCURRENT_SUGGESTED_WAIT.toNanos()));
        if (remainingWait <= 0) {
            return gate.tryAcquire() ? Mono.empty() : refused;
        }
        return gate.acquire().timeout(Mono.delay(Duration.ofNanos(remainingWait), scheduler))
                .onErrorResume(TimeoutException.class, e -> refused);
    }

    private Mono<Void> refund(Map<RateLimitBudget, Reservation> held) {
        List<Reservation> taken;
        synchronized (held) {
            taken = new ArrayList<>(held.values());
            held.clear();
        }
        return Flux.fromIterable(taken).concatMap(r -> r.refund().onErrorResume(e -> Mono.empty())).then();
    }

    private ArcLlmRateLimitException refusal(RateLimitBudget budget, long waitNanos) {
        return new ArcLlmRateLimitException(provider, budget, Duration.ofNanos(waitNanos));
    }

    /** A 429 with {@code Retry-After} pauses admission until then. */
    private void onFailure(Throwable error) {
        if (error instanceof ArcLlmApiException api && api.statusCode() == 429 && api.retryAfter().isPresent()) {
            long until = now() + api.retryAfter().get().toNanos();
            pausedUntil.accumulateAndGet(until, Math::max);
            log.debug("{}: provider asked for a pause of {}; admission paused", provider, api.retryAfter().get());
        }
    }

    /** Lowers a local budget that holds more than the provider says is left. */
    private void learn(HttpHeaders headers) {
        RateLimitHeaders.Reported now = RateLimitHeaders.parse(headers, Instant.ofEpochMilli(scheduler.now(TimeUnit.MILLISECONDS)));
        if (now.isEmpty()) {
            return;
        }
        reported = now;
        // At most once a second: with a shared store each lowering costs store round trips, and one answer a second
        // is enough to follow another client's use of the key.
        long at = now();
        long due = nextLearning.get();
        if (at < due || !nextLearning.compareAndSet(due, at + LEARN_EVERY_NANOS)) {
            return;
        }
        now.remaining().forEach((budget, left) -> {
            BudgetBucket bucket = buckets.get(budget);
            if (bucket != null) {
                bucket.available()
                        .flatMap(held -> held > left ? bucket.charge(held - left) : Mono.empty())
                        .subscribe(null, e -> log.debug("{}: lowering {} failed: {}", provider, budget.id(), e.toString()));
            }
        });
    }

    /**
     * What each configured budget holds now (tokens or requests; negative while in debt), and for
     * {@link RateLimitBudget#CONCURRENT} the free places in flight. A shared store that cannot answer leaves its
     * budgets out.
     */
    public Mono<Map<RateLimitBudget, Long>> remaining() {
        Map<RateLimitBudget, Long> result = Collections.synchronizedMap(new EnumMap<>(RateLimitBudget.class));
        if (gate != null) {
            result.put(RateLimitBudget.CONCURRENT, (long) config.maxConcurrent() - gate.inUse());
        }
        return Flux.fromIterable(buckets.entrySet())
                .flatMap(entry -> entry.getValue().available().doOnNext(left -> result.put(entry.getKey(), left))
                        .onErrorResume(e -> Mono.empty()))
                .then(Mono.fromSupplier(() -> Map.copyOf(result)));
    }

    /** What the provider last reported as remaining per budget (empty until it sends rate-limit headers). */
    public Map<RateLimitBudget, Long> reportedRemaining() {
        return reported.remaining();
    }

    /** How long admission stays paused by a provider's {@code Retry-After}; zero when not paused. */
    public Duration pausedFor() {
        return Duration.ofNanos(Math.max(0, pausedUntil.get() - now()));
    }

    private long now() {
        return scheduler.now(TimeUnit.NANOSECONDS);
    }
}
