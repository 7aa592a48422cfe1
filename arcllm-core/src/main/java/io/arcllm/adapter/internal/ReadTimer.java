package io.arcllm.adapter.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.TimerTask;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;

/**
 * The trigger of the whole-answer read timeout: a {@code Mono} that emits {@code 0} once {@code timeout} has passed
 * since subscription, fired by one JVM-wide Netty {@link HashedWheelTimer} (10 ms ticks, one daemon thread named
 * {@value #THREAD_NAME}). Arming and cancelling it is a queue offer each, where {@code Mono.timeout(Duration)}
 * schedules on Reactor's parallel scheduler and wakes its thread for every call that becomes the next to expire.
 * It never fires early; it may fire up to a tick late, which a timeout of seconds does not notice. Reactor's
 * virtual time does not drive it: the transport uses it only for calls without a deadline (under a deadline the
 * attempt's capped timeout stays on Reactor's timer, as the deadline module's own does).
 */
final class ReadTimer extends Mono<Long> {

    /** Name of the timer's thread. */
    static final String THREAD_NAME = "arcllm-read-timeout";

    private static final HashedWheelTimer WHEEL = new HashedWheelTimer(new DefaultThreadFactory(THREAD_NAME, true),
            10, TimeUnit.MILLISECONDS, 512);

    private final long nanos;

    ReadTimer(Duration timeout) {
        this.nanos = Math.max(0, timeout.toNanos());
    }

    @Override
    public void subscribe(CoreSubscriber<? super Long> actual) {
        Armed armed = new Armed(actual);
        actual.onSubscribe(armed);
        armed.arm(WHEEL.newTimeout(armed, nanos, TimeUnit.NANOSECONDS));
    }

    /** One subscription: the timer task and the subscription in one object. */
    private static final class Armed extends AtomicInteger implements Subscription, TimerTask {

        private static final int WAITING = 0;
        private static final int REQUESTED = 1;
        private static final int FIRED = 2;
        private static final int DONE = 3;

        private final CoreSubscriber<? super Long> actual;
        private volatile @Nullable Timeout timeout;

        Armed(CoreSubscriber<? super Long> actual) {
            this.actual = actual;
        }

        void arm(Timeout armed) {
            timeout = armed;
            if (get() == DONE) {
                armed.cancel();
            }
        }

        @Override
        public void run(Timeout expired) {
            advance(REQUESTED, FIRED);
        }

        @Override
        public void request(long n) {
            if (!Operators.validate(n)) {
                return;
            }
            advance(FIRED, REQUESTED);
        }

        /** Emits if the other half ({@code other}) already happened, else records {@code mine}. */
        private void advance(int other, int mine) {
            for (;;) {
                int state = get();
                if (state == other) {
                    if (compareAndSet(other, DONE)) {
                        actual.onNext(0L);
                        actual.onComplete();
                        return;
                    }
                } else if (state != WAITING || compareAndSet(WAITING, mine)) {
                    return;
                }
            }
        }

        @Override
        public void cancel() {
            if (getAndSet(DONE) != DONE) {
                Timeout armed = timeout;
                if (armed != null) {
                    armed.cancel();
                }
            }
        }
    }
}
