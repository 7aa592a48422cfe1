package io.arcllm.bench.load;

import java.util.Arrays;
import java.util.List;

/**
 * One client's figures over all measured rounds of a scenario.
 *
 * @param kind the client
 * @param calls measured calls
 * @param p50Nanos median latency
 * @param p99Nanos 99th-percentile latency
 * @param callsPerSecond measured calls divided by the measured wall time
 * @param slowestRoundCallsPerSecond the lowest throughput of a single round
 * @param fastestRoundCallsPerSecond the highest throughput of a single round
 * @param peakThreads the highest peak live thread count of any round (whole JVM)
 * @param peakHeapBytes the highest heap-used sample of any round
 * @param allocatedBytesPerCall client-side bytes allocated per call
 * @param cpuNanosPerCall client-side CPU time per call
 * @param newConnections TCP connections the client opened to the stub during the measured calls, all rounds
 *     (0 at steady state: its pool was filled before measuring)
 */
public record ClientResult(BenchClients.Kind kind, int calls, long p50Nanos, long p99Nanos, double callsPerSecond,
                           double slowestRoundCallsPerSecond, double fastestRoundCallsPerSecond, int peakThreads, long peakHeapBytes, double allocatedBytesPerCall, double cpuNanosPerCall,
                           long newConnections) {

    /** Merges rounds: latencies pooled, throughput over the summed time, peaks as maxima. */
    public static ClientResult of(BenchClients.Kind kind, List<RoundResult> rounds) {
        long[] all = rounds.stream().flatMapToLong(r -> Arrays.stream(r.latenciesNanos())).sorted().toArray();
        long elapsed = rounds.stream().mapToLong(RoundResult::elapsedNanos).sum();
        long allocated = rounds.stream().mapToLong(r -> r.usage().allocatedBytes()).sum();
        long cpu = rounds.stream().mapToLong(r -> r.usage().cpuNanos()).sum();
        return new ClientResult(kind, all.length, percentile(all, 50), percentile(all, 99),
                all.length / (elapsed / 1e9),
                rounds.stream().mapToDouble(ClientResult::callsPerSecond).min().orElse(0),
                rounds.stream().mapToDouble(ClientResult::callsPerSecond).max().orElse(0),
                rounds.stream().mapToInt(r -> r.usage().peakThreads()).max().orElse(0),
                rounds.stream().mapToLong(r -> r.usage().peakHeapBytes()).max().orElse(0),
                (double) allocated / all.length, (double) cpu / all.length,
                rounds.stream().mapToLong(RoundResult::connectionsOpened).sum());
    }

    private static double callsPerSecond(RoundResult round) {
        return round.latenciesNanos().length / (round.elapsedNanos() / 1e9);
    }

    /** The nearest-rank percentile of {@code values}, which it sorts in place. */
    static long percentile(long[] values, double percent) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        long[] sorted = values;
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
