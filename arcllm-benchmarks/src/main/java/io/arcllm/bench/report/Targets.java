package io.arcllm.bench.report;

import java.util.List;
import java.util.Locale;

import io.arcllm.bench.jmh.JmhSuite.Figure;
import io.arcllm.bench.load.BenchClients.Kind;
import io.arcllm.bench.load.ClientResult;
import io.arcllm.bench.report.ResultsReport.LoadSection;
import org.jspecify.annotations.Nullable;

/** The targets, each checked against this run's figures for the ArcLLM full stack. */
final class Targets {

    /** Thread-count difference between the two in-flight levels still counted as "independent" (JVM noise). */
    static final int THREAD_TOLERANCE = 2;
    /** The allocation target for a ~1 KB answer. */
    static final double MAX_BYTES_PER_CALL = 20 * 1024;
    /** #17: the full stack's throughput as a share of raw WebClient's, at least. */
    static final double MIN_THROUGHPUT_SHARE = 0.9;
    /** #17: the full stack's CPU per call over raw WebClient's, at most. */
    static final double MAX_CPU_RATIO = 1.15;
    /** #17: bytes the full stack may allocate per call beyond raw WebClient. */
    static final double MAX_ADDED_BYTES = 8 * 1024;

    private final @Nullable LoadSection latency;
    private final @Nullable LoadSection load;
    private final @Nullable LoadSection tenthLoad;
    private final JmhTables jmh;
    private final MarkdownTable table = new MarkdownTable("target", "measured (ArcLLM full stack)", "result");

    Targets(@Nullable LoadSection latency, @Nullable LoadSection load, @Nullable LoadSection tenthLoad, List<Figure> jmh) {
        this.latency = latency;
        this.load = load;
        this.tenthLoad = tenthLoad;
        this.jmh = new JmhTables(jmh);
    }

    String render() {
        for (LoadSection section : new LoadSection[] {tenthLoad, load}) {
            if (section != null) {
                perCallCost(section);
            }
        }
        if (load != null) {
            ClientResult full = load.results().get(Kind.ARCLLM_FULL_STACK);
            ClientResult raw = load.raw();
            ClientResult sdk = load.results().get(Kind.ANTHROPIC_SDK);
            if (tenthLoad != null) {
                int few = tenthLoad.results().get(Kind.ARCLLM_FULL_STACK).peakThreads();
                add("peak live threads independent of calls in flight", fmt("%d at %,d in flight, %d at %,d", few,
                        tenthLoad.scenario().concurrency(), full.peakThreads(), load.scenario().concurrency()),
                        Math.abs(full.peakThreads() - few) <= THREAD_TOLERANCE);
            }
            add("≤ 20 KB allocated per call, end to end (client side, Netty I/O included)",
                    fmt("%,.1f KB at 1,000 in flight (raw WebClient: %,.1f KB)", full.allocatedBytesPerCall() / 1024,
                            raw.allocatedBytesPerCall() / 1024), full.allocatedBytesPerCall() <= MAX_BYTES_PER_CALL);
            add("ahead of the SDK on throughput at 1,000 in flight", fmt("%.2f × SDK (%,.0f vs %,.0f calls/s)",
                    full.callsPerSecond() / sdk.callsPerSecond(), full.callsPerSecond(), sdk.callsPerSecond()),
                    full.callsPerSecond() > sdk.callsPerSecond());
            add("ahead of the SDK on threads at 1,000 in flight", fmt("%d vs %d peak live threads", full.peakThreads(),
                    sdk.peakThreads()), full.peakThreads() < sdk.peakThreads());
        }
        if (latency != null) {
            ClientResult full = latency.results().get(Kind.ARCLLM_FULL_STACK);
            double added = (full.p50Nanos() - latency.raw().p50Nanos()) / 1e6;
            add("added p50 latency at concurrency 1 ≤ 0.3 ms", fmt("%+.3f ms (p50 %.3f vs %.3f ms)", added,
                    full.p50Nanos() / 1e6, latency.raw().p50Nanos() / 1e6), added <= 0.3);
        }
        jmh.find("CallPathBenchmarks.arcLlmFullStack").ifPresent(full -> {
            String raw = jmh.find("CallPathBenchmarks.rawWebClient")
                    .map(r -> fmt(" (raw WebClient: %,.1f KB)", r.bytesPerOp() / 1024)).orElse("");
            add("≤ 20 KB allocated per call, JMH -prof gc (socket cut out)", fmt("%,.1f KB%s", full.bytesPerOp() / 1024, raw),
                    full.bytesPerOp() <= MAX_BYTES_PER_CALL);
        });
        return "Targets\n\n" + table.render();
    }

    /** Issue #17's targets for the full stack (telemetry on a Micrometer registry) at one level of calls in flight. */
    private void perCallCost(LoadSection section) {
        ClientResult full = section.results().get(Kind.ARCLLM_FULL_STACK);
        ClientResult raw = section.raw();
        if (full == null || raw == null) {
            return;
        }
        String at = fmt("at %,d in flight", section.scenario().concurrency());
        double share = full.callsPerSecond() / raw.callsPerSecond();
        add("full stack " + at + ": ≥ " + MIN_THROUGHPUT_SHARE + " × raw WebClient calls/s",
                fmt("%.2f × raw (%,.0f vs %,.0f calls/s)", share, full.callsPerSecond(), raw.callsPerSecond()),
                share >= MIN_THROUGHPUT_SHARE);
        double cpu = full.cpuNanosPerCall() / raw.cpuNanosPerCall();
        add("full stack " + at + ": ≤ " + MAX_CPU_RATIO + " × raw CPU per call",
                fmt("%.2f × raw (%,.1f vs %,.1f µs)", cpu, full.cpuNanosPerCall() / 1e3, raw.cpuNanosPerCall() / 1e3),
                cpu <= MAX_CPU_RATIO);
        double added = full.allocatedBytesPerCall() - raw.allocatedBytesPerCall();
        add("full stack " + at + ": ≤ raw + 8 KB allocated per call",
                fmt("%+,.1f KB (%,.1f vs %,.1f KB)", added / 1024, full.allocatedBytesPerCall() / 1024,
                        raw.allocatedBytesPerCall() / 1024), added <= MAX_ADDED_BYTES);
        add("full stack " + at + ": 0 new connections at steady state",
                fmt("%,d during %,d calls", full.newConnections(), full.calls()), full.newConnections() == 0);
    }

    private void add(String target, String measured, boolean met) {
        table.row(target, measured, met ? "PASS" : "MISS");
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
