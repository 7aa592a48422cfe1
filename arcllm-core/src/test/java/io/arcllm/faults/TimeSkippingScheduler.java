package io.arcllm.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Virtual time for calls that also do real HTTP: a delayed task (a retry wait) runs at once on
 * {@link Schedulers#parallel()}, and the virtual clock jumps forward by the delay it asked for. So a call that
 * waits 1 s, 2 s and then 30 s before its retries finishes in milliseconds of real time, and {@link #waits()}
 * tells exactly which waits it asked for and {@link #elapsed()} their sum. The HTTP exchanges themselves (and
 * read timeouts) run in real time. Meant for one call at a time.
 */
final class TimeSkippingScheduler implements Scheduler {

    private final Scheduler runner = Schedulers.parallel();
    private final AtomicLong virtualNanos = new AtomicLong();
    private final List<Duration> waits = new ArrayList<>();

    /** The delays asked for, in order. */
    synchronized List<Duration> waits() {
        return List.copyOf(waits);
    }

    /** The virtual time that passed: the sum of the delays. */
    Duration elapsed() {
        return Duration.ofNanos(virtualNanos.get());
    }

    private synchronized void skip(long delay, TimeUnit unit) {
        long nanos = unit.toNanos(delay);
        waits.add(Duration.ofNanos(nanos));
        virtualNanos.addAndGet(nanos);
    }

    @Override
    public Disposable schedule(Runnable task) {
        return runner.schedule(task);
    }

    @Override
    public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
        skip(delay, unit);
        return runner.schedule(task);
    }

    @Override
    public Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("retry waits are one-shot delays");
    }

    @Override
    public long now(TimeUnit unit) {
        return unit.convert(virtualNanos.get(), TimeUnit.NANOSECONDS);
    }

    @Override
    public Worker createWorker() {
        Worker worker = runner.createWorker();
        return new Worker() {
            @Override
            public Disposable schedule(Runnable task) {
                return worker.schedule(task);
            }

            @Override
            public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
                skip(delay, unit);
                return worker.schedule(task);
            }

            @Override
            public void dispose() {
                worker.dispose();
            }

            @Override
            public boolean isDisposed() {
                return worker.isDisposed();
            }
        };
    }
}
