package io.arcllm.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.arcllm.ArcLlmTimeoutException;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * The one deadline of a logical call, carried in the Reactor context from the deadline module down to every
 * retry wait, fallback and HTTP attempt below it. Times are read from a Reactor {@link Scheduler}'s clock, so
 * virtual time drives it in tests. Counts the attempts made and the providers tried, for the error raised when
 * it passes. Thread-safe. Not API: the deadline module, retry and the HTTP transport use it.
 */
public final class CallDeadline {

    private static final Object KEY = CallDeadline.class;

    private final Duration timeout;
    private final Scheduler clock;
    private final long deadlineNanos;
    private final AtomicInteger attempts = new AtomicInteger();
    private final Set<String> providers = new LinkedHashSet<>();

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
        return Duration.ofNanos(deadlineNanos - clock.now(TimeUnit.NANOSECONDS));
    }

    /** Whether the deadline has passed. */
    public boolean passed() {
        return clock.now(TimeUnit.NANOSECONDS) >= deadlineNanos;
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

    /** The error a caller gets when this deadline passes. */
    public ArcLlmTimeoutException expired(@Nullable Throwable cause) {
        return ArcLlmTimeoutException.deadline(timeout, attempts(), providers(), cause);
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
