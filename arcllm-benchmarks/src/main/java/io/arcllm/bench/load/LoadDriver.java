package io.arcllm.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.arcllm.bench.stub.CannedAnswers;
import io.arcllm.bench.stub.StubAnthropicServer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs a {@link Scenario} against the stub for each client kind and collects the figures. Every round
 * creates each client afresh and closes it afterwards (waiting for its threads to end), so a client's
 * idle threads never count against the next one; before measuring, it opens the client's connections
 * (see {@link #primePool}) and warms it with unmeasured calls. A round fails loudly, and so the whole run, when a call
 * fails, an answer's text is not the canned one, or the stub answered a different number of requests than
 * were measured (hidden retries): the table only ever shows calls that all succeeded.
 */
public final class LoadDriver {

    private static final Duration CALLS_TIMEOUT = Duration.ofMinutes(5);
    private static final long THREAD_SETTLE_MILLIS = 3000;
    private static final long THREAD_STABLE_MILLIS = 250;
    /** How long the stub holds answers while the pool is primed: long enough for 1,000 calls to be in flight at once. */
    public static final Duration PRIMING_DELAY = Duration.ofMillis(500);
    /** Most bursts {@link #primePool} makes to fill a pool. */
    static final int MAX_PRIMING_BURSTS = 4;

    private final StubAnthropicServer stub;
    private final List<BenchClients.Kind> kinds;
    private final ResourceMeter meter;
    private final Consumer<String> progress;
    private final Duration primingDelay;

    /**
     * A driver that primes pools with {@link #PRIMING_DELAY}.
     *
     * @param kinds the clients to compare, in table order
     * @param progress receives one line per round
     */
    public LoadDriver(StubAnthropicServer stub, List<BenchClients.Kind> kinds, ResourceMeter meter,
                      Consumer<String> progress) {
        this(stub, kinds, meter, progress, PRIMING_DELAY);
    }

    /**
     * @param primingDelay how long the stub holds answers while a client's pool is primed (see {@link #primePool})
     */
    public LoadDriver(StubAnthropicServer stub, List<BenchClients.Kind> kinds, ResourceMeter meter,
                      Consumer<String> progress, Duration primingDelay) {
        this.stub = Objects.requireNonNull(stub, "stub");
        this.kinds = List.copyOf(kinds);
        this.meter = Objects.requireNonNull(meter, "meter");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.primingDelay = Objects.requireNonNull(primingDelay, "primingDelay");
    }

    /**
     * Runs every round of the scenario, rotating the clients' order from round to round.
     *
     * @throws IllegalStateException if any call failed or returned the wrong answer
     */
    public Map<BenchClients.Kind, ClientResult> run(Scenario scenario) {
        stub.delay(scenario.stubDelay());
        Map<BenchClients.Kind, List<RoundResult>> rounds = new EnumMap<>(BenchClients.Kind.class);
        kinds.forEach(kind -> rounds.put(kind, new ArrayList<>()));
        int total = scenario.discardedRounds() + scenario.measuredRounds();
        for (int round = 0; round < total; round++) {
            boolean discarded = round < scenario.discardedRounds();
            for (int i = 0; i < kinds.size(); i++) {
                BenchClients.Kind kind = kinds.get((i + round) % kinds.size());
                RoundResult result = runRound(kind, scenario);
                progress.accept(String.format("  round %d/%d%-10s %-20s %,8.0f calls/s  p50 %7.3f ms  peak threads %3d  new connections %d (closed %d)",
                        round + 1, total, discarded ? " (warm-up)" : "", kind.label(),
                        result.latenciesNanos().length / (result.elapsedNanos() / 1e9),
                        ClientResult.percentile(result.latenciesNanos().clone(), 50) / 1e6,
                        result.usage().peakThreads(), result.connectionsOpened(), result.connectionsClosed()));
                if (!discarded) {
                    rounds.get(kind).add(result);
                }
            }
        }
        Map<BenchClients.Kind, ClientResult> results = new EnumMap<>(BenchClients.Kind.class);
        rounds.forEach((kind, list) -> results.put(kind, ClientResult.of(kind, list)));
        return results;
    }

    /**
     * Warms the JIT before any scenario: each client makes {@code calls} unmeasured calls, {@code concurrency}
     * in flight, against a stub that answers at once. The discarded rounds of each scenario come on top.
     */
    public void warmUp(int calls, int concurrency) {
        stub.delay(Duration.ZERO);
        for (BenchClients.Kind kind : kinds) {
            long start = System.nanoTime();
            try (BenchClient client = kind.create(stub.baseUrl())) {
                callMany(client, calls, concurrency);
            }
            progress.accept(String.format("  JIT warm-up %-20s %,d calls in %,d ms", kind.label(), calls,
                    (System.nanoTime() - start) / 1_000_000));
        }
    }

    private RoundResult runRound(BenchClients.Kind kind, Scenario scenario) {
        int threadsBefore = meter.liveThreads();
        try (BenchClient client = kind.create(stub.baseUrl())) {
            if (scenario.concurrency() > 1 && kind.keepsConnections()) {
                primePool(client, scenario);
            }
            if (scenario.warmupCalls() > 0) {
                callMany(client, scenario.warmupCalls(), scenario.concurrency());
            }
            meter.collectGarbage();
            long answeredBefore = stub.requestCount();
            long connectionsBefore = stub.connectionCount();
            long closedBefore = stub.closedConnectionCount();
            ResourceMeter.Measurement measurement = meter.start();
            long start = System.nanoTime();
            long[] latencies = callMany(client, scenario.callsPerRound(), scenario.concurrency());
            long elapsed = System.nanoTime() - start;
            ResourceMeter.Usage usage = measurement.stop();
            long answered = stub.requestCount() - answeredBefore;
            if (answered != scenario.callsPerRound()) {
                throw new IllegalStateException(kind.label() + ": the stub answered " + answered + " requests for "
                        + scenario.callsPerRound() + " calls");
            }
            return new RoundResult(latencies, elapsed, usage, stub.connectionCount() - connectionsBefore,
                    stub.closedConnectionCount() - closedBefore);
        } finally {
            awaitThreadsBackTo(threadsBefore);
        }
    }

    /**
     * Opens the client's connections before measuring: one call per slot, all in flight at once (the stub
     * holds each answer long enough), so a pool that can hold them all opens them all now. Otherwise the
     * ramp-up leaves a pool part-filled and the measured rounds pay for connection set-up, unevenly. On a busy
     * machine one such burst may not get every call in flight before the first answers come back (a call that
     * starts late then reuses a connection instead of opening one), so the burst is repeated, up to
     * {@value #MAX_PRIMING_BURSTS} times, until one opens no new connection. Only for clients that keep their
     * connections: the SDK's OkHttp keeps 5 idle ones and runs 64 calls at once, so priming it opened nothing that
     * lasted and took 8 s a round.
     */
    private void primePool(BenchClient client, Scenario scenario) {
        stub.delay(primingDelay);
        try {
            for (int burst = 0; burst < MAX_PRIMING_BURSTS; burst++) {
                long before = stub.connectionCount();
                callMany(client, scenario.concurrency(), scenario.concurrency());
                if (burst > 0 && stub.connectionCount() == before) {
                    return;
                }
            }
        } finally {
            stub.delay(scenario.stubDelay());
        }
    }

    /**
     * Makes {@code calls} calls with at most {@code concurrency} in flight; the next call starts as soon as
     * one ends, on the thread that ended it.
     *
     * @return each call's latency in nanoseconds, from subscription to answer
     * @throws IllegalStateException if a call failed or an answer's text is not the canned one
     */
    public static long[] callMany(BenchClient client, int calls, int concurrency) {
        long[] latencies = new long[calls];
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        Flux.range(0, calls)
                .flatMap(i -> Mono.defer(() -> {
                    long start = System.nanoTime();
                    return client.call().doOnNext(text -> {
                        latencies[i] = System.nanoTime() - start;
                        if (text.length() != CannedAnswers.ANSWER_TEXT_LENGTH) {
                            throw new IllegalStateException("answer text of " + text.length() + " chars, expected "
                                    + CannedAnswers.ANSWER_TEXT_LENGTH);
                        }
                    });
                }).onErrorResume(e -> {
                    failures.incrementAndGet();
                    firstFailure.compareAndSet(null, e);
                    return Mono.empty();
                }), concurrency, 1)
                .then()
                .block(CALLS_TIMEOUT);
        if (failures.get() > 0) {
            throw new IllegalStateException(client.label() + ": " + failures.get() + " of " + calls + " calls failed",
                    firstFailure.get());
        }
        return latencies;
    }

    /**
     * Waits until the closed client's threads are gone: the live count is back to what it was, or has stopped
     * falling (threads some clients start once per JVM, such as Netty's shared event loops, stay for good).
     */
    private void awaitThreadsBackTo(int threads) {
        long deadline = System.currentTimeMillis() + THREAD_SETTLE_MILLIS;
        int last = meter.liveThreads();
        long stableSince = System.currentTimeMillis();
        while (last > threads && System.currentTimeMillis() < deadline
                && System.currentTimeMillis() - stableSince < THREAD_STABLE_MILLIS) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            int now = meter.liveThreads();
            if (now != last) {
                last = now;
                stableSince = System.currentTimeMillis();
            }
        }
    }
}
