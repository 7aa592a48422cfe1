package io.arcllm.bench.outage;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

import io.arcllm.ArcLlmCircuitOpenException;
import io.arcllm.LlmProvider;
import io.arcllm.bench.load.BenchClients;
import io.arcllm.bench.stub.CannedAnswers;
import io.arcllm.module.ModuleListener;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The fleet-outage scenario: {@code inFlight} calls in flight (each caller starts its next call when one
 * ends) against two local stub providers. After a healthy warm-up the primary answers {@code 503} for
 * {@code outage}, then recovers; the fallback answers after {@code fallbackDelay} throughout. Measures one
 * stack per run, built fresh against fresh stubs.
 *
 * @param inFlight concurrent callers
 * @param warmUp healthy load before the outage (fills pools, warms the JIT); not measured
 * @param outage how long the primary answers 503
 * @param after how long the load goes on after the primary recovered
 * @param fallbackDelay the fallback's (and the healthy primary's) answer delay
 */
record FleetOutage(int inFlight, Duration warmUp, Duration outage, Duration after, Duration fallbackDelay) {

    /** The scenario: 1,000 in flight, 10 s outage, 50 ms fallback. */
    static FleetOutage standard(Duration after) {
        return new FleetOutage(1000, Duration.ofSeconds(3), Duration.ofSeconds(10), after, Duration.ofMillis(50));
    }

    /** Builds the stack under test against the two stubs, telling {@code listener} of its fallbacks; the run closes it. */
    @FunctionalInterface
    interface StackFactory {
        LlmProvider create(URI primary, URI fallback, ModuleListener listener);
    }

    /** How a call began, as its first fallback event tells: in {@code long[] call} at index {@link #PATH}. */
    static final int PATH = 3;
    /** No fallback: the first provider answered (or the call failed without one). */
    static final long DIRECT = 0;
    /** The primary was sent the request, failed, and the call fell back. */
    static final long PRIMARY_FIRST = 1;
    /** The primary's open circuit refused the attempt unsent, and the call fell back. */
    static final long REFUSED_BY_CIRCUIT = 2;

    /** Notes in each call's record (found in the Reactor context) how its first fallback began. */
    private static final ModuleListener PATHS = new ModuleListener() {
        @Override
        public void onFallback(FallbackEvent event) {
            long[] call = event.context().getOrDefault(FleetOutage.class, null);
            if (call != null && call[PATH] == DIRECT) {
                call[PATH] = event.fromError() instanceof ArcLlmCircuitOpenException ? REFUSED_BY_CIRCUIT : PRIMARY_FIRST;
            }
        }
    };

    /**
     * Latencies of one kind of call started during the outage.
     *
     * @param calls how many
     * @param p50Millis median latency, 0 when none
     * @param p99Millis 99th percentile, 0 when none
     */
    record Split(long calls, double p50Millis, double p99Millis) {
        static Split of(List<Long> latencies) {
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            return new Split(sorted.length, percentile(sorted, 50) / 1e6, percentile(sorted, 99) / 1e6);
        }
    }

    /**
     * What one stack did.
     *
     * @param label the stack's name
     * @param callsPerSecond successful calls per second over the outage and the time after it
     * @param succeeded successful calls (outage and after)
     * @param failed failed calls (outage and after)
     * @param p50OutageMillis median latency of calls started during the outage
     * @param p99OutageMillis 99th percentile latency of calls started during the outage
     * @param upstreamPerSuccessOutage requests received by both stubs during the outage, per call that succeeded
     *     during it
     * @param upstreamPerSuccessAll the same over the outage and the time after it
     * @param recoverySeconds from the primary's recovery to the first call it answered again; NaN if none
     * @param primaryFirst the calls started during the outage that were sent to the primary first, then fell back
     * @param refusedByCircuit those the primary's open circuit refused unsent before they fell back
     * @param direct those that did not fall back (answered by the first provider they reached, or failed)
     */
    record Result(String label, double callsPerSecond, long succeeded, long failed, double p50OutageMillis,
                  double p99OutageMillis, double upstreamPerSuccessOutage, double upstreamPerSuccessAll,
                  double recoverySeconds, Split primaryFirst, Split refusedByCircuit, Split direct) {
    }

    /** Runs the scenario against {@code factory}'s stack, reporting progress lines to {@code progress}. */
    Result run(String label, StackFactory factory, Consumer<String> progress) {
        try (OutageStub primary = new OutageStub("primary", fallbackDelay, 1);
             OutageStub fallback = new OutageStub("fallback", fallbackDelay, 1);
             LlmProvider stack = factory.create(primary.baseUrl(), fallback.baseUrl(), PATHS)) {
            progress.accept("  " + label + ": warm-up " + warmUp.toSeconds() + " s");
            drive(stack, System.nanoTime() + warmUp.toNanos(), new ConcurrentLinkedQueue<>()).join();

            long start = System.nanoTime();
            long upstreamBefore = primary.requests() + fallback.requests();
            long recovery = primary.outageFor(outage);
            long end = recovery + after.toNanos();
            Queue<long[]> calls = new ConcurrentLinkedQueue<>();
            CompletableFuture<Void> load = drive(stack, end, calls);
            sleepUntil(recovery);
            long upstreamDuringOutage = primary.requests() + fallback.requests() - upstreamBefore;
            progress.accept("  " + label + ": primary recovered; " + upstreamDuringOutage + " upstream requests during the outage");
            load.join();
            long upstreamAll = primary.requests() + fallback.requests() - upstreamBefore;
            return summarise(label, calls, start, recovery, end, upstreamDuringOutage, upstreamAll,
                    primary.firstAnswerAfterOutageNanos());
        }
    }

    private Result summarise(String label, Queue<long[]> calls, long start, long recovery, long end,
                             long upstreamDuringOutage, long upstreamAll, long firstAnswerAfter) {
        List<Long> outageLatencies = new ArrayList<>();
        List<List<Long>> byPath = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        long succeeded = 0;
        long failed = 0;
        long succeededDuringOutage = 0;
        for (long[] call : calls) {
            boolean ok = call[2] == 1;
            succeeded += ok ? 1 : 0;
            failed += ok ? 0 : 1;
            if (call[0] < recovery) {
                outageLatencies.add(call[1] - call[0]);
                byPath.get((int) call[PATH]).add(call[1] - call[0]);
            }
            if (ok && call[1] < recovery) {
                succeededDuringOutage++;
            }
        }
        long[] sorted = outageLatencies.stream().mapToLong(Long::longValue).sorted().toArray();
        double seconds = (Math.max(end, lastEnd(calls)) - start) / 1e9;
        return new Result(label, succeeded / seconds, succeeded, failed, percentile(sorted, 50) / 1e6,
                percentile(sorted, 99) / 1e6, ratio(upstreamDuringOutage, succeededDuringOutage),
                ratio(upstreamAll, succeeded), firstAnswerAfter == 0 ? Double.NaN : (firstAnswerAfter - recovery) / 1e9,
                Split.of(byPath.get((int) PRIMARY_FIRST)), Split.of(byPath.get((int) REFUSED_BY_CIRCUIT)),
                Split.of(byPath.get((int) DIRECT)));
    }

    /**
     * {@code inFlight} callers, each calling back to back until {@code endNanos}; records {start, end, ok, path}, the
     * record riding in the call's Reactor context so the fallback listener can note the path.
     */
    private CompletableFuture<Void> drive(LlmProvider stack, long endNanos, Queue<long[]> calls) {
        return Flux.range(0, inFlight)
                .flatMap(caller -> Mono.defer(() -> {
                    long[] call = {System.nanoTime(), 0, 0, DIRECT};
                    return stack.invoke(BenchClients.request())
                            .map(response -> response.content() != null
                                    && response.content().length() == CannedAnswers.ANSWER_TEXT_LENGTH)
                            .onErrorReturn(false)
                            .doOnNext(ok -> {
                                call[1] = System.nanoTime();
                                call[2] = ok ? 1 : 0;
                                calls.add(call);
                            })
                            .contextWrite(context -> context.put(FleetOutage.class, call));
                }).repeat(() -> System.nanoTime() < endNanos), inFlight)
                .then()
                .toFuture();
    }

    private static long lastEnd(Queue<long[]> calls) {
        return calls.stream().mapToLong(call -> call[1]).max().orElse(0);
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? Double.NaN : (double) numerator / denominator;
    }

    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }

    private static void sleepUntil(long nanos) {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) {
            try {
                Thread.sleep(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public String toString() {
        return inFlight + " in flight, primary 503 for " + outage.toSeconds() + " s then healthy for " + after.toSeconds()
                + " s, fallback " + fallbackDelay.toMillis() + " ms";
    }
}
