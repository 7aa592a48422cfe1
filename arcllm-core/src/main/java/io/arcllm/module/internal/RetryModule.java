package io.arcllm.module.internal;

import io.arcllm.module.BaseModule;
import io.arcllm.module.JitterSource;
import io.arcllm.module.ModuleListener;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

import io.arcllm.ArcLlmApiException;
import io.arcllm.ArcLlmRateLimitException;
import io.arcllm.ArcLlmTransportException;
import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.LlmStreamEvent;
import io.arcllm.internal.StreamCommit;
import io.arcllm.config.RetryConfig;
import io.arcllm.internal.CallDeadline;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.ContextView;
import reactor.util.retry.Retry;

/**
 * Repeats a call that failed for a transient reason: an {@link ArcLlmApiException} whose status is in
 * {@link RetryConfig#retryableStatusCodes()} (unless the provider said {@code x-should-retry: false}, or
 * said {@code true} for another status), an {@link ArcLlmRateLimitException} when 429 is among them (waiting its
 * suggested wait, as for a {@code Retry-After}), or any {@link ArcLlmTransportException} (connection failures and
 * timeouts); see {@link RetryableErrors}. Nothing else is retried: other API statuses, parse errors, programming
 * errors and {@link Error}s pass through after one attempt.
 *
 * <p>Before retry <i>n</i> (0-based) it waits {@code min(base·2ⁿ + jitter, maxWait)}, the jitter
 * drawn from {@code U(0, base·2ⁿ)} by the {@link JitterSource}; a {@code Retry-After} sent by the
 * provider replaces that wait, still capped at {@code maxWait}. Each attempt calls
 * {@code inner().invoke(request)} anew. When the last attempt fails, its error is signalled as it is
 * (same instance, same type). Logs WARN before each retry and ERROR when it gives up; nothing when a
 * call succeeds. Tells its {@link ModuleListener} of each retry before waiting. Under a call deadline (see
 * {@link DeadlineModule}) it never starts a wait that would end past it: it gives up with the last error. A request's
 * own {@link LlmRequest#timeout()} starts that deadline here when nothing above did (the rule of
 * {@link CallDeadline}), timed on this module's scheduler. Given
 * the provider's {@link RetryBudget}, it does not retry once the budget is spent: the error goes on as it is (to a
 * fallback, or to the caller).
 */
public final class RetryModule extends BaseModule {

    /** The module's name, as {@link ProviderLoader} exclusions use it. */
    public static final String NAME = "retry";

    private static final Logger log = LoggerFactory.getLogger(RetryModule.class);

    private final RetryConfig config;
    private final @Nullable Scheduler scheduler;
    private final JitterSource jitter;
    private final ModuleListener listener;
    private final @Nullable RetryBudget budget;

    /** A retry module with random jitter, waiting on {@link Schedulers#parallel()}. */
    public RetryModule(RetryConfig config, LlmProvider inner) {
        this(config, inner, null, JitterSource.random());
    }

    /**
     * @param scheduler where waits are timed; null for {@link Schedulers#parallel()}, looked up at each
     *     call (so {@code StepVerifier.withVirtualTime} takes effect)
     * @param jitter the backoff's randomness
     */
    public RetryModule(RetryConfig config, LlmProvider inner, @Nullable Scheduler scheduler, JitterSource jitter) {
        this(config, inner, scheduler, jitter, ModuleListener.NONE);
    }

    /**
     * @param scheduler where waits are timed; null for {@link Schedulers#parallel()}
     * @param jitter the backoff's randomness
     * @param listener told of each retry ({@link ModuleListener#onRetry}); its exceptions are ignored
     */
    public RetryModule(RetryConfig config, LlmProvider inner, @Nullable Scheduler scheduler, JitterSource jitter,
                       ModuleListener listener) {
        this(config, inner, scheduler, jitter, listener, null);
    }

    /**
     * @param scheduler where waits are timed; null for {@link Schedulers#parallel()}
     * @param jitter the backoff's randomness
     * @param listener told of each retry ({@link ModuleListener#onRetry}) and each retry the budget refused
     *     ({@link ModuleListener#onRetryRefused}); its exceptions are ignored
     * @param budget the provider's retry budget, shared by every stack retrying it: told of each call's first
     *     attempt, asked before each retry; null for none
     */
    public RetryModule(RetryConfig config, LlmProvider inner, @Nullable Scheduler scheduler, JitterSource jitter,
                       ModuleListener listener, @Nullable RetryBudget budget) {
        super(inner);
        this.budget = budget;
        this.config = Objects.requireNonNull(config, "config");
        this.scheduler = scheduler;
        this.jitter = Objects.requireNonNull(jitter, "jitter");
        this.listener = ModuleListener.composite(Objects.requireNonNull(listener, "listener"));
    }

    /** The settings. */
    public RetryConfig config() {
        return config;
    }

    /** Sends the request, retrying transient failures; see the class description. */
    @Override
    public Mono<LlmResponse> invoke(LlmRequest request) {
        Mono<LlmResponse> call = Mono.deferContextual(context -> {
            if (budget != null) {
                budget.onFirstAttempt();
            }
            return attempt(request, 0, context);
        });
        return request.timeout() == null ? call : CallDeadline.within(call, request.timeout(), scheduler);
    }

    /**
     * Attempt {@code retriesSoFar + 1}: on failure, the next attempt after {@link #decide}'s wait. The retry
     * operators are only built once an attempt failed, so a call that succeeds at once pays for one
     * {@code onErrorResume}.
     */
    private Mono<LlmResponse> attempt(LlmRequest request, long retriesSoFar, ContextView context) {
        return Mono.defer(() -> inner().invoke(request))
                .onErrorResume(error -> decide(error, retriesSoFar, context)
                        .then(Mono.defer(() -> attempt(request, retriesSoFar + 1, context))));
    }

    /**
     * Streams the request, retrying exactly as {@link #invoke} does while no event was delivered: each attempt runs
     * under the commit rule (its events are held until its first content event), so a failure before content
     * (an HTTP error, a refused connection, the first-event timeout, an {@code overloaded_error} event) is retried
     * and the subscriber sees one clean stream from the attempt that succeeds. Once content was delivered a failure is
     * an {@link io.arcllm.ArcLlmStreamInterruptedException}, which is never retried: no token is delivered twice.
     */
    @Override
    public Flux<LlmStreamEvent> stream(LlmRequest request) {
        Flux<LlmStreamEvent> call = Flux.deferContextual(context -> StreamCommit.guard(name(), Flux.defer(() -> inner().stream(request)))
                .retryWhen(Retry.from(failures -> failures.concatMap(
                        failure -> decide(failure.failure(), failure.totalRetries(), context)))));
        return request.timeout() == null ? call : CallDeadline.within(call, request.timeout(), scheduler, name());
    }

    /** Whether this module retries the error (given retries are left). */
    public boolean isRetryable(Throwable error) {
        if (error instanceof ArcLlmRateLimitException) {
            return config.isRetryableStatus(429); // the local rate limit refused: a 429 that was never sent
        }
        return RetryableErrors.isRetryable(error, config.retryableStatusCodes());
    }

    /**
     * The wait before retry {@code retryIndex} (0-based) after {@code error}: the provider's
     * {@code Retry-After} if it sent one, else the jittered exponential backoff; capped at {@code maxWait}.
     */
    public Duration waitBefore(long retryIndex, Throwable error) {
        double maxSeconds = seconds(config.maxWait());
        double waitSeconds;
        if (error instanceof ArcLlmApiException api && api.retryAfter().isPresent()) {
            waitSeconds = seconds(api.retryAfter().get());
        } else if (error instanceof ArcLlmRateLimitException limited) {
            waitSeconds = seconds(limited.suggestedWait());
        } else {
            double backoff = Math.scalb(seconds(config.backoffBase()), (int) Math.min(retryIndex, 1100));
            // Once the backoff alone reaches the cap, jitter cannot change the wait: do not draw it.
            waitSeconds = backoff >= maxSeconds ? backoff : backoff + jitter.uniform(0, backoff);
        }
        if (!(waitSeconds < maxSeconds)) {
            return config.maxWait();
        }
        return waitSeconds <= 0 ? Duration.ZERO : Duration.ofNanos(Math.round(waitSeconds * 1e9));
    }

    private Mono<Long> decide(Throwable error, long retriesSoFar, ContextView context) {
        if (!isRetryable(error)) {
            return Mono.error(error);
        }
        if (retriesSoFar >= config.maxRetries()) {
            log.error("[{}] giving up after {} attempt(s): {}", name(), retriesSoFar + 1, error.getMessage());
            return Mono.error(error);
        }
        Duration wait = waitBefore(retriesSoFar, error);
        CallDeadline deadline = CallDeadline.of(context);
        if (deadline != null && wait.compareTo(deadline.remaining()) >= 0) {
            log.error("[{}] giving up after {} attempt(s): the next wait ({}) would pass the call's deadline: {}",
                    name(), retriesSoFar + 1, String.format(Locale.ROOT, "%.2fs", seconds(wait)), error.getMessage());
            return Mono.error(error);
        }
        if (budget != null && !budget.tryRetry()) {
            listener.onRetryRefused(new ModuleListener.RetryRefusedEvent(name(), error, context));
            return Mono.error(error);
        }
        if (log.isWarnEnabled()) {
            log.warn("[{}] retry attempt {}/{} after {}: {}", name(), retriesSoFar + 1, config.maxRetries(),
                    String.format(Locale.ROOT, "%.2fs", seconds(wait)), error.getMessage());
        }
        listener.onRetry(new ModuleListener.RetryEvent(name(), (int) Math.min(retriesSoFar + 1, Integer.MAX_VALUE),
                ErrorTypes.of(error), wait, error, context));
        return Mono.delay(wait, scheduler != null ? scheduler : Schedulers.parallel());
    }

    private static double seconds(Duration duration) {
        return duration.getSeconds() + duration.getNano() / 1e9;
    }
}
