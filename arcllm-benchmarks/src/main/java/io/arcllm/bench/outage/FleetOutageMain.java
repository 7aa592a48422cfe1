package io.arcllm.bench.outage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.arcllm.bench.report.RunInfo;

/**
 * Runs the fleet-outage scenario for today's stack (the baseline), the stack with the circuit breaker, and, as
 * the reference, the same callers straight at the fallback stub (its own latency under the same load), and prints
 * two Markdown tables: the results, and the latencies of the calls started during the outage split by how they began
 * (sent to the primary first, or refused by its open circuit). Run it from the shaded jar:
 * {@code java -cp arcllm-benchmarks/target/arcllm-benchmarks.jar io.arcllm.bench.outage.FleetOutageMain}.
 * Options: {@code --quick} (100 in flight, 2 s outage: to try the command, figures not worth recording),
 * {@code --baseline-only}.
 */
public final class FleetOutageMain {

    private FleetOutageMain() {
    }

    /** Runs the scenario; see the class description for the options. */
    public static void main(String[] args) {
        Set<String> options = Set.of(args);
        Duration after = OutageStacks.OPEN_DURATION.plusSeconds(5);
        FleetOutage scenario = options.contains("--quick")
                ? new FleetOutage(100, Duration.ofSeconds(1), Duration.ofSeconds(2), after, Duration.ofMillis(50))
                : FleetOutage.standard(after);
        RunInfo info = RunInfo.current();
        System.out.printf("Fleet outage: %s; %d CPUs, %s, load average %.2f%n", scenario, info.cpus(), info.java(),
                info.loadAverage());
        List<FleetOutage.Result> results = new ArrayList<>();
        results.add(scenario.run("today: Retry(Fallback(Adapter))", OutageStacks::today, System.out::println));
        if (!options.contains("--baseline-only")) {
            results.add(scenario.run("registry with circuit breaker (open " + OutageStacks.OPEN_DURATION.toSeconds() + " s)",
                    OutageStacks::withCircuitBreaker, System.out::println));
        }
        results.add(scenario.run(FALLBACK_ALONE, OutageStacks::fallbackAlone, System.out::println));
        System.out.println();
        System.out.print(table(results));
        System.out.println();
        System.out.print(split(results));
        System.out.printf("Load average at the end: %.2f%n", RunInfo.loadAverageNow());
        System.exit(0);
    }

    /** The reference row's label: the same callers straight at the fallback stub, no module. */
    static final String FALLBACK_ALONE = "reference: fallback alone (no module)";

    /**
     * The calls started during the outage, by how they began: sent to the primary first (and fell back), refused
     * by the primary's open circuit (and fell back), or not fallen back at all.
     */
    static String split(List<FleetOutage.Result> results) {
        StringBuilder out = new StringBuilder("| stack | calls started during the outage | primary first: calls | p50 | p99 "
                + "| refused by open circuit: calls | p50 | p99 | no fallback: calls | p50 |\n"
                + "|:--|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (FleetOutage.Result r : results) {
            long all = r.primaryFirst().calls() + r.refusedByCircuit().calls() + r.direct().calls();
            out.append(String.format(Locale.ROOT, "| %s | %,d | %s | %s | %s |%n", r.label(), all,
                    cells(r.primaryFirst(), true), cells(r.refusedByCircuit(), true), cells(r.direct(), false)));
        }
        return out.toString();
    }

    private static String cells(FleetOutage.Split split, boolean withP99) {
        if (split.calls() == 0) {
            return withP99 ? "0 | — | —" : "0 | —";
        }
        return withP99
                ? String.format(Locale.ROOT, "%,d | %,.1f ms | %,.1f ms", split.calls(), split.p50Millis(), split.p99Millis())
                : String.format(Locale.ROOT, "%,d | %,.1f ms", split.calls(), split.p50Millis());
    }

    static String table(List<FleetOutage.Result> results) {
        StringBuilder out = new StringBuilder("| stack | calls/s | failed calls | p50 during outage | p99 during outage "
                + "| upstream requests per success (outage) | (whole run) | primary recovery → first answer |\n"
                + "|:--|--:|--:|--:|--:|--:|--:|--:|\n");
        for (FleetOutage.Result r : results) {
            out.append(String.format(Locale.ROOT, "| %s | %,.0f | %,d | %,.1f ms | %,.1f ms | %.2f | %.2f | %s |%n",
                    r.label(), r.callsPerSecond(), r.failed(), r.p50OutageMillis(), r.p99OutageMillis(),
                    r.upstreamPerSuccessOutage(), r.upstreamPerSuccessAll(),
                    r.label().equals(FALLBACK_ALONE) ? "—" : Double.isNaN(r.recoverySeconds()) ? "never"
                            : String.format(Locale.ROOT, "%.2f s", r.recoverySeconds())));
        }
        return out.toString();
    }
}
