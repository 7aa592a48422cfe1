package io.arcllm.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.arcllm.ArcLlmStreamInterruptedException;
import io.arcllm.ArcLlmTimeoutException;
import io.arcllm.LlmStreamCollector;
import io.arcllm.LlmStreamEvent;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * The one deadline of a logical call, carried in the Reactor context from the deadline module down to every
 * retry wait, fallback and HTTP attempt below it. Times are read from a Reactor {@link Scheduler}'s clock, so
 * virtual time drives it in tests. Counts the attempts made and the providers tried, for the error raised when
 * it passes. Thread-safe. Not API: the deadline module, retry, fallback, the adapters and the HTTP transport use it.
 *
 * <p>The one rule, applied by {@link #within(Mono, Duration, Scheduler)} and {@link #within(Flux, Duration, Scheduler, String)}:
 * the first layer of a call that has a limit (the deadline module's configured timeout, or the request's own
 * {@code timeout}) and finds no deadline in the context starts one; every layer below keeps it. So a request's
 * timeout bounds its call in any stack: the deadline module starts it when the stack has one, else the outermost of
 * retry, fallback and rate limit, else the adapter itself.
 */
public final class CallDeadline {

    private static final Object KEY = CallDeadline.class;

    private final Duration timeout;
    private final Scheduler clock;
    private final long deadlineNanos;
    private final AtomicInteger attempts = new AtomicInteger();
    private final Set<String> providers = new LinkedHashSet<>();
    /** Set once any part of the call saw the deadline pass (a capped read timeout may fire before the timer). */
    private volatile boolean expired;

    private CallDeadline(Duration timeout, Scheduler clock) {
        this.timeout = timeout;
        this.clock = clock;
        this.deadlineNanos = clock.now(TimeUnit.NANOSECONDS) + timeout.toNanos();
    }

    /** A deadline {@code timeout} from now on {@code clock}'s time. */
    public static CallDeadline start(Duration timeout, Scheduler clock) {
        return new CallDeadline(Objects.requireNonNull(timeout, "timeout"), Objects.requireNonNull(clock, "clock"));
    }

    /** The deadline of the call whose context this is, or null when it has none. */
    public static @Nullable CallDeadline of(ContextView context) {
        return context.getOrDefault(KEY, null);
    }

    /** {@code context} carrying this deadline. */
    public Context putIn(Context context) {
        return context.put(KEY, this);
    }

    /** The whole time the call was given. */
    public Duration timeout() {
        return timeout;
    }

    /** The time left; zero or negative once the deadline has passed. */
    public Duration remaining() {
        return expired ? Duration.ZERO : Duration.ofNanos(deadlineNanos - clock.now(TimeUnit.NANOSECONDS));
    }

    /** Whether the deadline has passed: its time has come, or a part of the call already signalled it. */
    public boolean passed() {
        return expired || clock.now(TimeUnit.NANOSECONDS) >= deadlineNanos;
    }

    /** Notes one attempt sent to {@code provider}. */
    public void onAttempt(String provider) {
        attempts.incrementAndGet();
        synchronized (providers) {
            providers.add(provider);
        }
    }

    /** The attempts noted so far. */
    public int attempts() {
        return attempts.get();
    }

    /** The providers tried so far, in the order first tried. */
    public List<String> providers() {
        synchronized (providers) {
            return List.copyOf(new ArrayList<>(providers));
        }
    }

    /** The error a caller gets when this deadline passes; from now on the deadline counts as passed. */
    public ArcLlmTimeoutException expired(@Nullable Throwable cause) {
        expired = true;
        return ArcLlmTimeoutException.deadline(timeout, attempts(), providers(), cause);
    }

    /**
     * {@code call} under a deadline {@code limit} from subscription, unless its context already carries one (an outer
     * layer of the same call started it: then {@code call} is returned as it runs, untouched). When the deadline
     * passes, {@code call} is cancelled and the subscriber gets {@link #expired}'s {@link ArcLlmTimeoutException}; an
     * error signalled once it has passed (a capped read timeout, a fallback giving up) becomes that error too.
     *
     * @param scheduler whose clock and timer the deadline follows; null for {@link Schedulers#parallel()}, looked up at
     *     subscription (so {@code StepVerifier.withVirtualTime} takes effect)
     */
    public static <T> Mono<T> within(Mono<T> call, Duration limit, @Nullable Scheduler scheduler) {
        return Mono.deferContextual(context -> {
            if (of(context) != null) {
                return call;
            }
            Scheduler clock = scheduler != null ? scheduler : Schedulers.parallel();
            CallDeadline deadline = start(limit, clock);
            return call.timeout(limit, clock)
                    .onErrorMap(error -> error instanceof TimeoutException || deadline.passed() && !isDeadline(error),
                            deadline::expired)
                    .contextWrite(deadline::putIn);
        });
    }

    /**
     * A stream under a deadline {@code limit} from subscription for the whole stream (every attempt, before and after
     * its first event), unless its context already carries one. When the deadline passes the stream is cancelled and
     * ends with {@link #expired}'s {@link ArcLlmTimeoutException}: as it is when nothing was delivered yet, and as the
     * cause of an {@link ArcLlmStreamInterruptedException} holding the partial response once events were delivered
     * (the stream contract: after content, every failure is an interruption), naming the provider that was streaming
     * (the last one tried, else {@code stack}). What was delivered stays delivered. One timer per stream, none per
     * event.
     *
     * @param scheduler as for {@link #within(Mono, Duration, Scheduler)}
     * @param stack the name of the stack whose stream this is
     */
    public static Flux<LlmStreamEvent> within(Flux<LlmStreamEvent> events, Duration limit, @Nullable Scheduler scheduler,
                                              String stack) {
        return Flux.deferContextual(context -> {
            if (of(context) != null) {
                return events;
            }
            Scheduler clock = scheduler != null ? scheduler : Schedulers.parallel();
            CallDeadline deadline = start(limit, clock);
            LlmStreamCollector delivered = new LlmStreamCollector();
            boolean[] any = {false};
            // The timer ends the stream (cancelling what is in flight) and marks the deadline passed; the error follows.
            return events.doOnNext(event -> {
                        any[0] = true;
                        delivered.accept(event);
                    })
                    .takeUntilOther(Mono.delay(limit, clock).doOnNext(tick -> deadline.expired = true))
                    .concatWith(Flux.defer(() -> deadline.expired
                            ? Flux.<LlmStreamEvent>error(deadline.expired(new TimeoutException("the call's deadline passed")))
                            : Flux.<LlmStreamEvent>empty()))
                    .onErrorMap(error -> deadline.passed() && !(error instanceof ArcLlmStreamInterruptedException),
                            error -> {
                                ArcLlmTimeoutException expired = isDeadline(error) ? (ArcLlmTimeoutException) error
                                        : deadline.expired(error);
                                if (!any[0]) {
                                    return expired;
                                }
                                List<String> tried = deadline.providers();
                                String streaming = tried.isEmpty() ? stack : tried.get(tried.size() - 1);
                                return new ArcLlmStreamInterruptedException(streaming, delivered.partialResponse(), expired);
                            })
                    .contextWrite(deadline::putIn);
        });
    }

    private static boolean isDeadline(Throwable error) {
        return error instanceof ArcLlmTimeoutException timeout && timeout.isDeadline();
    }

    /**
     * {@code limit}, or the time left before the call's deadline when that is shorter (never negative).
     *
     * @return null-free; {@code limit} when the context has no deadline
     */
    public static Duration cap(Duration limit, ContextView context) {
        CallDeadline deadline = of(context);
        if (deadline == null) {
            return limit;
        }
        Duration left = deadline.remaining();
        if (left.isNegative()) {
            return Duration.ZERO;
        }
        return left.compareTo(limit) < 0 ? left : limit;
    }
}
