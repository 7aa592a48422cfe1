package io.arcllm.bench.jmh;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the JMH benchmarks of this package with the GC profiler ({@code -prof gc}); iterations and forks
 * are set on each benchmark class (short, one fork), so the whole suite takes about a minute and a half on
 * two cores. JMH's own log goes to a
 * file; the figures come back as {@link Figure}s.
 */
public final class JmhSuite {

    private JmhSuite() {
    }

    /**
     * One benchmark's result.
     *
     * @param benchmark the method's simple name, e.g. {@code CodecBenchmarks.anthropicReadResponse}
     * @param nanosPerOp average time per operation
     * @param errorNanos JMH's 99.9% confidence half-interval of it
     * @param bytesPerOp bytes allocated per operation ({@code gc.alloc.rate.norm}), NaN if not reported
     */
    public record Figure(String benchmark, double nanosPerOp, double errorNanos, double bytesPerOp) {
    }

    /**
     * Runs every benchmark.
     *
     * @param log where JMH writes its usual report
     * @param quick one short iteration each (for trying the command out), not for recorded figures
     * @throws IllegalStateException if a benchmark fails
     */
    public static List<Figure> run(Path log, boolean quick) {
        ChainedOptionsBuilder builder = new OptionsBuilder()
                .include(JmhSuite.class.getPackageName() + "\\..*Benchmarks\\..*")
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true)
                .output(log.toString());
        if (quick) {
            builder.warmupIterations(1).measurementIterations(1);
        }
        Options options = builder.build();
        Collection<RunResult> results;
        try {
            results = new Runner(options).run();
        } catch (RunnerException e) {
            throw new IllegalStateException("JMH failed; see " + log, e);
        }
        List<Figure> figures = new ArrayList<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            String simple = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            Result<?> primary = result.getPrimaryResult();
            figures.add(new Figure(simple, primary.getScore(), primary.getScoreError(), allocation(result.getSecondaryResults())));
        }
        return figures;
    }

    private static double allocation(Map<String, Result> secondary) {
        return secondary.entrySet().stream()
                .filter(entry -> entry.getKey().endsWith("gc.alloc.rate.norm"))
                .mapToDouble(entry -> entry.getValue().getScore())
                .findFirst()
                .orElse(Double.NaN);
    }
}
