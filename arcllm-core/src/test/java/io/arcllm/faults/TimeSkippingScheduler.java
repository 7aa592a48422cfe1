package io.arcllm.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;

import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Virtual time for calls that also do real HTTP: a delayed task (a retry wait) runs at once on
 * {@link Schedulers#parallel()}, and the virtual clock jumps forward to the time it was due. So a call that
 * waits 1 s, 2 s and then 30 s before its retries finishes in milliseconds of real time, and {@link #waits()}
 * tells exactly which waits it asked for and {@link #elapsed()} the virtual time that passed. The HTTP exchanges
 * themselves (and read timeouts) run in real time. Meant for one call at a time.
 *
 * <p>A call's deadline is a timer that does not mean the call is idle: with {@code guards} = 1 the scheduler keeps
 * one delayed task pending (the deadline's, scheduled first) and runs the others, earliest due first, only while
 * more than that one are pending. A wait the call starts (due before the deadline) runs at once; the deadline fires
 * only when virtual time reaches it. Tasks that ran are the {@link #waits()}; a disposed pending task never runs.
 */
final class TimeSkippingScheduler implements Scheduler {

    private final Scheduler runner = Schedulers.parallel();
    private final int guards;
    private final PriorityQueue<Pending> pending = new PriorityQueue<>();
    private final List<Duration> waits = new ArrayList<>();
    private long virtualNanos;
    private long sequence;

    /** Runs every delayed task at once. */
    TimeSkippingScheduler() {
        this(0);
    }

    /** @param guards how many pending delayed tasks (deadline timers) do not mean the call is waiting */
    TimeSkippingScheduler(int guards) {
        this.guards = guards;
    }

    /** The delays asked for by the tasks that ran, in order. */
    synchronized List<Duration> waits() {
        return List.copyOf(waits);
    }

    /** The virtual time that passed. */
    synchronized Duration elapsed() {
        return Duration.ofNanos(virtualNanos);
    }

    private Disposable delay(Runnable task, long delay, TimeUnit unit, java.util.function.Function<Runnable, Disposable> run) {
        Pending entry;
        List<Pending> due = new ArrayList<>();
        synchronized (this) {
            long nanos = unit.toNanos(delay);
            entry = new Pending(virtualNanos + nanos, nanos, sequence++, task);
            pending.add(entry);
            while (pending.size() > guards) {
                Pending next = pending.poll();
                virtualNanos = Math.max(virtualNanos, next.dueNanos);
                waits.add(Duration.ofNanos(next.delayNanos));
                due.add(next);
            }
        }
        for (Pending next : due) {
            if (!next.disposed) {
                next.running = run.apply(next.task);
            }
        }
        return entry;
    }

    @Override
    public Disposable schedule(Runnable task) {
        return runner.schedule(task);
    }

    @Override
    public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
        return delay(task, delay, unit, runner::schedule);
    }

    @Override
    public Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("retry waits are one-shot delays");
    }

    @Override
    public synchronized long now(TimeUnit unit) {
        return unit.convert(virtualNanos, TimeUnit.NANOSECONDS);
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
                return delay(task, delay, unit, worker::schedule);
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

    /** A delayed task: pending until it runs; disposing it removes it, or cancels it once running. */
    private final class Pending implements Comparable<Pending>, Disposable {
        final long dueNanos;
        final long delayNanos;
        final long order;
        final Runnable task;
        volatile Disposable running;
        volatile boolean disposed;

        Pending(long dueNanos, long delayNanos, long order, Runnable task) {
            this.dueNanos = dueNanos;
            this.delayNanos = delayNanos;
            this.order = order;
            this.task = task;
        }

        @Override
        public int compareTo(Pending other) {
            int byDue = Long.compare(dueNanos, other.dueNanos);
            return byDue != 0 ? byDue : Long.compare(order, other.order);
        }

        @Override
        public void dispose() {
            disposed = true;
            synchronized (TimeSkippingScheduler.this) {
                pending.remove(this);
            }
            Disposable run = running;
            if (run != null) {
                run.dispose();
            }
        }

        @Override
        public boolean isDisposed() {
            return disposed;
        }
    }
}
