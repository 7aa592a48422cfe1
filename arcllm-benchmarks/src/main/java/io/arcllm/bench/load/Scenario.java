package io.arcllm.bench.load;

import java.time.Duration;
import java.util.Objects;

/**
 * One load shape. Each round creates every client afresh, warms it with {@code warmupCalls} unmeasured
 * calls, then measures {@code callsPerRound} calls; the first {@code discardedRounds} rounds are run the
 * same way and thrown away (JIT warm-up). Clients take turns within a round, in an order that rotates
 * from round to round, so machine drift hits all of them alike.
 *
 * @param name the label in the table
 * @param concurrency calls in flight at once (1 = one after the other)
 * @param stubDelay how long the stub waits before answering
 * @param measuredRounds rounds whose calls count
 * @param callsPerRound measured calls per client per round
 * @param warmupCalls unmeasured calls per client at the start of every round
 * @param discardedRounds whole rounds run first and ignored
 */
public record Scenario(String name, int concurrency, Duration stubDelay, int measuredRounds, int callsPerRound,
                       int warmupCalls, int discardedRounds) {

    /** Checks the numbers. */
    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(stubDelay, "stubDelay");
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be >= 1, was " + concurrency);
        }
        if (measuredRounds < 1) {
            throw new IllegalArgumentException("measuredRounds must be >= 1, was " + measuredRounds);
        }
        if (callsPerRound < 1) {
            throw new IllegalArgumentException("callsPerRound must be >= 1, was " + callsPerRound);
        }
        if (warmupCalls < 0 || discardedRounds < 0) {
            throw new IllegalArgumentException("warmupCalls and discardedRounds must be >= 0");
        }
    }

    /** Measured calls per client over all rounds. */
    public int totalCalls() {
        return measuredRounds * callsPerRound;
    }

    /** Concurrency 1, no stub delay, 2,000 calls: what one call costs (p50, p99). */
    public static Scenario latency() {
        return new Scenario("concurrency 1, stub delay 0 ms", 1, Duration.ZERO, 4, 500, 100, 1);
    }

    /** 1,000 in flight, 50 ms stub delay, 20,000 calls: throughput, p99, threads, heap. */
    public static Scenario load() {
        return new Scenario("1,000 in flight, stub delay 50 ms", 1000, Duration.ofMillis(50), 5, 4000, 500, 1);
    }

    /**
     * 100 in flight, 50 ms stub delay, 6,000 calls: the same figures as {@link #load()} at a tenth of the load, and
     * whether threads grow with it.
     */
    public static Scenario tenthLoad() {
        return new Scenario("100 in flight, stub delay 50 ms", 100, Duration.ofMillis(50), 3, 2000, 300, 1);
    }
}
