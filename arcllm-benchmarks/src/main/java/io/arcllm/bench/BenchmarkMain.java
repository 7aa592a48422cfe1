package io.arcllm.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.arcllm.bench.jmh.JmhSuite;
import io.arcllm.bench.load.BenchClients;
import io.arcllm.bench.load.LoadDriver;
import io.arcllm.bench.load.ResourceMeter;
import io.arcllm.bench.load.Scenario;
import io.arcllm.bench.load.StreamLoad;
import io.arcllm.bench.report.ResultsReport;
import io.arcllm.bench.report.ResultsReport.LoadSection;
import io.arcllm.bench.report.RunInfo;
import io.arcllm.bench.scale.ScaleBenchmark;
import io.arcllm.bench.stub.StubAnthropicServer;

/**
 * Runs the whole benchmark and prints one report: the load scenarios against the stub (all four clients,
 * alternating rounds), then the JMH suite in forked JVMs. The report is also written to
 * {@code benchmark-results.md} beside the jar, and JMH's own log to {@code jmh.log}.
 *
 * <p>Options: {@code --quick} (tiny counts, to try the command out; figures not worth recording),
 * {@code --no-load}, {@code --no-jmh}, {@code --streams} (with {@code --no-load}: the streaming scenario alone),
 * {@code --scale} (the scale scenarios alone: 10,000 in flight and HTTP/2; the full run ends with them).
 */
public final class BenchmarkMain {

    /** Event-loop threads of the stub: two keep it from being the bottleneck without starving the clients. */
    static final int STUB_WORKERS = 2;
    /** Unmeasured calls per client before the first scenario, so the JIT has compiled every client's hot paths. */
    static final int JIT_WARMUP_CALLS = 5_000;
    /** Text deltas per streamed answer in the streaming scenario. */
    static final int STREAM_DELTAS = 200;

    private BenchmarkMain() {
    }

    /** Runs the benchmark; see the class description for the options. */
    public static void main(String[] args) throws IOException {
        Set<String> options = Set.of(args);
        boolean quick = options.contains("--quick");
        RunInfo info = RunInfo.current();
        Path outputDir = outputDirectory();
        long started = System.nanoTime();
        System.out.printf("ArcLLM benchmarks%s: %d CPUs, %s; writing to %s%n", quick ? " (quick, figures not comparable)" : "",
                info.cpus(), info.java(), outputDir);

        LoadSection latency = null;
        LoadSection load = null;
        LoadSection tenthLoad = null;
        List<StreamLoad.Result> streams = List.of();
        if (options.contains("--scale")) {
            ScaleBenchmark.Results scale = ScaleBenchmark.run(quick, System.out::println);
            finish(String.format("Run %s — %d CPUs, %s, %s, max heap %d MB, load average %.2f at start, %.2f at end%n%n",
                    info.date(), info.cpus(), info.java(), info.os(), info.maxHeapBytes() >> 20, info.loadAverage(),
                    RunInfo.loadAverageNow()) + ScaleBenchmark.render(scale), outputDir, started);
        }
        if (!options.contains("--no-load")) {
            try (StubAnthropicServer stub = StubAnthropicServer.start(STUB_WORKERS); ResourceMeter meter = new ResourceMeter()) {
                LoadDriver driver = new LoadDriver(stub, List.of(BenchClients.Kind.values()), meter, System.out::println);
                System.out.println("JIT warm-up");
                driver.warmUp(quick ? 1_000 : JIT_WARMUP_CALLS, 100);
                latency = run(driver, quick ? quick(Scenario.latency()) : Scenario.latency());
                load = run(driver, quick ? quick(Scenario.load()) : Scenario.load());
                tenthLoad = run(driver, quick ? quick(Scenario.tenthLoad()) : Scenario.tenthLoad());
                streams = streams(stub, meter, quick);
            }
        } else if (options.contains("--streams")) {
            try (StubAnthropicServer stub = StubAnthropicServer.start(STUB_WORKERS); ResourceMeter meter = new ResourceMeter()) {
                streams = streams(stub, meter, quick);
            }
        }
        List<JmhSuite.Figure> jmh = List.of();
        if (!options.contains("--no-jmh")) {
            Path log = outputDir.resolve("jmh.log");
            System.out.printf("Running the JMH suite (about %s); its log: %s%n", quick ? "40 s" : "1.5 min", log);
            jmh = JmhSuite.run(log, quick);
        }
        ScaleBenchmark.Results scale = options.contains("--no-load") ? null : ScaleBenchmark.run(quick, System.out::println);
        String report = new ResultsReport(info, RunInfo.loadAverageNow(), latency, load, tenthLoad, jmh).render();
        if (!streams.isEmpty()) {
            report = report + "\n" + StreamLoad.render(streams);
        }
        if (scale != null) {
            report = report + "\n" + ScaleBenchmark.render(scale);
        }
        finish(report, outputDir, started);
    }

    private static void finish(String report, Path outputDir, long started) throws IOException {
        Path results = outputDir.resolve("benchmark-results.md");
        Files.writeString(results, report);
        System.out.println();
        System.out.println(report);
        System.out.printf("Done in %d s; report saved to %s%n", Duration.ofNanos(System.nanoTime() - started).toSeconds(), results);
        System.exit(0);
    }

    /** 1,000 concurrent streams of 200 deltas, after 100, so the thread count can be compared. */
    private static List<StreamLoad.Result> streams(StubAnthropicServer stub, ResourceMeter meter, boolean quick) {
        System.out.println("Scenario: concurrent streams");
        StreamLoad load = new StreamLoad(stub, meter, System.out::println);
        int rounds = quick ? 1 : 3;
        return List.of(load.run(100, STREAM_DELTAS, rounds), load.run(1_000, STREAM_DELTAS, rounds));
    }

    private static LoadSection run(LoadDriver driver, Scenario scenario) {
        System.out.println("Scenario: " + scenario.name());
        return new LoadSection(scenario, driver.run(scenario));
    }

    private static Scenario quick(Scenario full) {
        return new Scenario(full.name(), full.concurrency(), full.stubDelay(), 1, Math.max(100, full.callsPerRound() / 10),
                Math.min(full.warmupCalls(), 200), 0);
    }

    private static Path outputDirectory() throws IOException {
        try {
            Path location = Path.of(BenchmarkMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = Files.isDirectory(location) ? location : location.getParent();
            return Files.createDirectories(dir);
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("").toAbsolutePath();
        }
    }
}
