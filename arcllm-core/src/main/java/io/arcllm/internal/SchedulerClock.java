package io.arcllm.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import reactor.core.scheduler.Scheduler;

/**
 * A {@link Clock} reading a Reactor {@link Scheduler}'s time, so the circuit breakers and retry budgets of a
 * registry given a scheduler (a virtual one, in tests) follow the same time as its retry waits. Not API.
 */
public final class SchedulerClock extends Clock {

    private final Scheduler scheduler;

    public SchedulerClock(Scheduler scheduler) {
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
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
