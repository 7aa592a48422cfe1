package io.arcllm.ratelimit.internal;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * At most {@code max} permits out at a time; callers beyond wait, without a thread, in arrival order. A waiter
 * that gives up (cancelled, timed out) leaves the queue; a permit granted to it at that very moment is passed on.
 */
final class ConcurrencyGate {

    private static final int WAITING = 0;
    private static final int GRANTED = 1;
    private static final int GAVE_UP = 2;

    private final int max;
    private final Queue<Waiter> waiters = new ArrayDeque<>();
    private int inUse;

    /** @param max permits, greater than zero */
    public ConcurrencyGate(int max) {
        if (max <= 0) {
            throw new IllegalArgumentException("max must be > 0, was " + max);
        }
        this.max = max;
    }

    /** Completes when a permit is held; the holder must {@link #release()} it exactly once. */
    public Mono<Void> acquire() {
        return Mono.create(sink -> {
            Waiter waiter = new Waiter(sink);
            synchronized (this) {
                if (inUse < max && waiters.isEmpty()) {
                    inUse++;
                    waiter.state.set(GRANTED);
                } else {
                    waiters.add(waiter);
                }
            }
            if (waiter.state.get() == GRANTED) {
                sink.success();
                return;
            }
            sink.onCancel(() -> {
                if (!waiter.state.compareAndSet(WAITING, GAVE_UP)) {
                    release(); // granted while giving up: pass the permit on
                }
            });
        });
    }

    /** Takes a permit if one is free and nobody waits; the holder must {@link #release()} it. */
    public synchronized boolean tryAcquire() {
        if (inUse < max && waiters.isEmpty()) {
            inUse++;
            return true;
        }
        return false;
    }

    /** Returns a permit: the longest waiter gets it, or it becomes free. */
    public void release() {
        while (true) {
            Waiter next;
            synchronized (this) {
                next = waiters.poll();
                if (next == null) {
                    inUse--;
                    return;
                }
            }
            if (next.state.compareAndSet(WAITING, GRANTED)) {
                next.sink.success();
                return;
            }
        }
    }

    /** Permits held now. */
    public synchronized int inUse() {
        return inUse;
    }

    private static final class Waiter {
        final MonoSink<Void> sink;
        final AtomicInteger state = new AtomicInteger(WAITING);

        Waiter(MonoSink<Void> sink) {
            this.sink = sink;
        }
    }
}
