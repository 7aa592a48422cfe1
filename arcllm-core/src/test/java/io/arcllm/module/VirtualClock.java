package io.arcllm.module;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import reactor.core.scheduler.Scheduler;

/**
 * A {@link Clock} that reads a Reactor {@link Scheduler}'s time, so a {@code VirtualTimeScheduler} drives
 * circuits and budgets together with the retry waits it times.
 */
public final class VirtualClock extends Clock {

    private final Scheduler scheduler;

    public VirtualClock(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public long millis() {
        return scheduler.now(TimeUnit.MILLISECONDS);
    }

    @Override
    public Instant instant() {
        long nanos = scheduler.now(TimeUnit.NANOSECONDS);
        return Instant.ofEpochSecond(0, nanos);
    }
}
