package io.arcllm.bench.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.arcllm.bench.jmh.JmhSuite.Figure;
import io.arcllm.bench.load.BenchClients.Kind;
import io.arcllm.bench.load.ClientResult;
import io.arcllm.bench.load.Scenario;
import org.jspecify.annotations.Nullable;

/**
 * Renders one run as Markdown: the load scenarios with every figure as a ratio to raw WebClient, the JMH
 * figures, and the issue's targets with PASS or MISS. Sections that were skipped are left out.
 */
public final class ResultsReport {

    /**
     * One load scenario's results.
     *
     * @param scenario what was run
     * @param results per client
     */
    public record LoadSection(Scenario scenario, Map<Kind, ClientResult> results) {

        ClientResult raw() {
            return results.get(Kind.RAW_WEBCLIENT);
        }
    }

    private final RunInfo info;
    private final double loadAverageAtEnd;
    private final @Nullable LoadSection latency;
    private final @Nullable LoadSection load;
    private final @Nullable LoadSection tenthLoad;
    private final List<Figure> jmh;

    /** Collects what was run; null sections were skipped. */
    public ResultsReport(RunInfo info, double loadAverageAtEnd, @Nullable LoadSection latency, @Nullable LoadSection load,
                         @Nullable LoadSection tenthLoad, List<Figure> jmh) {
        this.info = info;
        this.loadAverageAtEnd = loadAverageAtEnd;
        this.latency = latency;
        this.load = load;
        this.tenthLoad = tenthLoad;
        this.jmh = List.copyOf(jmh);
    }

    /** The whole report. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Run %s — %d CPUs, %s, %s, max heap %d MB, load average %.2f at start, %.2f at end%n%n",
                info.date(), info.cpus(), info.java(), info.os(), info.maxHeapBytes() >> 20, info.loadAverage(), loadAverageAtEnd));
        if (latency != null) {
            out.append(title("A", latency)).append(latencyTable(latency)).append('\n');
        }
        if (load != null) {
            out.append(title("B", load)).append(loadTable(load)).append('\n');
        }
        if (tenthLoad != null) {
            out.append(title("C", tenthLoad)).append(loadTable(tenthLoad)).append('\n');
        }
        if (load != null && tenthLoad != null) {
            out.append("D. Peak live threads (whole JVM) by calls in flight, stub delay 50 ms\n\n")
                    .append(threadsTable(tenthLoad, load)).append('\n');
        }
        if (!jmh.isEmpty()) {
            out.append(new JmhTables(jmh).render());
        }
        out.append(new Targets(latency, load, tenthLoad, jmh).render());
        return out.toString();
    }

    private static String title(String letter, LoadSection section) {
        Scenario s = section.scenario();
        return String.format(Locale.ROOT, "%s. %s — %,d calls per client (%d rounds × %,d after %,d warm-up calls each; %d warm-up round(s) discarded; full stack with telemetry on a Micrometer registry)%n%n",
                letter, s.name(), s.totalCalls(), s.measuredRounds(), s.callsPerRound(), s.warmupCalls(), s.discardedRounds());
    }

    private static String latencyTable(LoadSection section) {
        MarkdownTable table = new MarkdownTable("client", "p50 ms", "×raw", "p99 ms", "×raw", "added p50 ms",
                "CPU µs/call", "×raw", "alloc KB/call", "×raw");
        ClientResult raw = section.raw();
        for (ClientResult r : section.results().values()) {
            table.row(r.kind().label(), ms(r.p50Nanos()), ratio(r.p50Nanos(), raw.p50Nanos()),
                    ms(r.p99Nanos()), ratio(r.p99Nanos(), raw.p99Nanos()),
                    r == raw ? "–" : String.format(Locale.ROOT, "%+.3f", (r.p50Nanos() - raw.p50Nanos()) / 1e6),
                    num(r.cpuNanosPerCall() / 1e3, 1), ratio(r.cpuNanosPerCall(), raw.cpuNanosPerCall()),
                    num(r.allocatedBytesPerCall() / 1024, 1), ratio(r.allocatedBytesPerCall(), raw.allocatedBytesPerCall()));
        }
        return table.render();
    }

    /**
     * A load scenario's table. "new conns" is the number of TCP connections the client opened during the measured
     * calls (all rounds; its pool was filled before): at steady state it is 0.
     */
    private static String loadTable(LoadSection section) {
        MarkdownTable table = new MarkdownTable("client", "calls/s", "×raw", "rounds", "p99 ms", "×raw", "peak threads",
                "peak heap MB", "CPU µs/call", "×raw", "alloc KB/call", "×raw", "added KB vs raw", "new conns");
        ClientResult raw = section.raw();
        for (ClientResult r : section.results().values()) {
            table.row(r.kind().label(), num(r.callsPerSecond(), 0), ratio(r.callsPerSecond(), raw.callsPerSecond()),
                    num(r.slowestRoundCallsPerSecond(), 0) + "–" + num(r.fastestRoundCallsPerSecond(), 0),
                    ms(r.p99Nanos()), ratio(r.p99Nanos(), raw.p99Nanos()),
                    Integer.toString(r.peakThreads()), num(r.peakHeapBytes() / 1048576.0, 0),
                    num(r.cpuNanosPerCall() / 1e3, 1), ratio(r.cpuNanosPerCall(), raw.cpuNanosPerCall()),
                    num(r.allocatedBytesPerCall() / 1024, 1), ratio(r.allocatedBytesPerCall(), raw.allocatedBytesPerCall()),
                    r == raw ? "–" : String.format(Locale.ROOT, "%+,.1f", (r.allocatedBytesPerCall() - raw.allocatedBytesPerCall()) / 1024),
                    String.format(Locale.ROOT, "%,d", r.newConnections()));
        }
        return table.render();
    }

    private static String threadsTable(LoadSection tenth, LoadSection full) {
        MarkdownTable table = new MarkdownTable("client", "@" + String.format(Locale.ROOT, "%,d", tenth.scenario().concurrency()),
                "@" + String.format(Locale.ROOT, "%,d", full.scenario().concurrency()), "growth", "×raw @" + String.format(Locale.ROOT, "%,d", full.scenario().concurrency()));
        for (ClientResult r : full.results().values()) {
            int few = Optional.ofNullable(tenth.results().get(r.kind())).map(ClientResult::peakThreads).orElse(0);
            table.row(r.kind().label(), Integer.toString(few), Integer.toString(r.peakThreads()),
                    String.format(Locale.ROOT, "%+d", r.peakThreads() - few), ratio(r.peakThreads(), full.raw().peakThreads()));
        }
        return table.render();
    }

    static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }

    static String num(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    static String ratio(double value, double reference) {
        return reference == 0 || Double.isNaN(value) || Double.isNaN(reference) ? "–" : String.format(Locale.ROOT, "%.2f", value / reference);
    }
}
