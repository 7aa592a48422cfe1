package io.arcllm.bench.scale;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.arcllm.bench.load.ResourceMeter;
import io.arcllm.bench.stub.StubAnthropicServer;
import io.arcllm.config.HttpVersion;

/**
 * The scale scenarios of issue #17, against one stub that speaks HTTP/1.1 and h2c on the same port:
 * <ol>
 *   <li><b>10,000 calls in flight</b>, the stub answering each after 1 s: raw WebClient and the ArcLLM adapter over
 *       HTTP/1.1 with a pool of {@value #H1_POOL} connections (the other calls wait in the pool's queue: the stub
 *       shares this JVM, so 10,000 connections would need 20,000 file descriptors, the machine's limit), and over
 *       h2c with {@value #H2_POOL_10K} connections of {@value #MAX_STREAMS} streams;</li>
 *   <li><b>HTTP/2 against HTTP/1.1</b> at 1,000 calls in flight, the stub answering after 50 ms: both clients over
 *       1,000 HTTP/1.1 connections and over {@value #H2_POOL_1K} h2c connections.</li>
 * </ol>
 */
public final class ScaleBenchmark {

    /** Event-loop threads of the stub, as in the other scenarios. */
    static final int STUB_WORKERS = 2;
    /** Streams the stub allows per HTTP/2 connection (SETTINGS_MAX_CONCURRENT_STREAMS), a common server value. */
    static final int MAX_STREAMS = 250;
    /** HTTP/1.1 connection limit at 10,000 in flight. */
    static final int H1_POOL = 4_000;
    /** h2c connection limit at 10,000 in flight: 40 × 250 streams. */
    static final int H2_POOL_10K = 40;
    /** h2c connection limit at 1,000 in flight: 4 × 250 streams. */
    static final int H2_POOL_1K = 4;

    private ScaleBenchmark() {
    }

    /** The two sections' rows. */
    public record Results(List<ScaleRow> tenThousand, List<ScaleRow> http2, int tenThousandInFlight, int http2InFlight) {
    }

    /**
     * Runs both sections (about a minute on an idle 2-core machine; {@code quick}: a tenth of the calls in flight, a few seconds).
     *
     * @throws IllegalStateException if any call failed
     */
    public static Results run(boolean quick, Consumer<String> progress) {
        int big = quick ? 1_000 : 10_000;
        int medium = quick ? 100 : 1_000;
        try (StubAnthropicServer stub = StubAnthropicServer.startWithH2c(STUB_WORKERS, MAX_STREAMS);
             ResourceMeter meter = new ResourceMeter()) {
            ScaleDriver driver = new ScaleDriver(stub, meter);
            List<ScaleRow> tenThousand = new ArrayList<>();
            stub.delay(Duration.ofSeconds(1));
            progress.accept(String.format("Scenario: %,d calls in flight, stub answers after 1 s", big));
            for (HttpVersion version : HttpVersion.values()) {
                int pool = version == HttpVersion.H2 ? (quick ? 4 : H2_POOL_10K) : (quick ? 400 : H1_POOL);
                for (ScaleClients.Kind kind : ScaleClients.Kind.values()) {
                    tenThousand.add(report(progress, driver.run(kind, version, pool, big, 0, quick ? 3_000 : 20_000)));
                }
            }
            List<ScaleRow> http2 = new ArrayList<>();
            stub.delay(Duration.ofMillis(50));
            progress.accept(String.format("Scenario: HTTP/2 against HTTP/1.1, %,d calls in flight, stub answers after 50 ms", medium));
            for (HttpVersion version : HttpVersion.values()) {
                int pool = version == HttpVersion.H2 ? H2_POOL_1K : medium;
                for (ScaleClients.Kind kind : ScaleClients.Kind.values()) {
                    http2.add(report(progress, driver.run(kind, version, pool, medium, quick ? 500 : 5_000, quick ? 2_000 : 10_000)));
                }
            }
            return new Results(tenThousand, http2, big, medium);
        }
    }

    private static ScaleRow report(Consumer<String> progress, ScaleRow row) {
        progress.accept(String.format("  %-15s %-8s limit %,5d: %,8.0f calls/s  peak threads %3d  heap/call %,6d B  fds %,6d  connections %,d",
                row.client(), row.protocol(), row.maxConnections(), row.callsPerSecond(), row.peakThreads(),
                row.heapPerCallBytes(), row.openFds(), row.connectionsOpened()));
        return row;
    }

    /** The report's section. */
    public static String render(Results results) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("## Scale: %,d in flight and HTTP/2%n%n", results.tenThousandInFlight()));
        out.append(String.format("H. %,d calls in flight, stub answers after 1 s (one measured run per row, after a first wave of %,d calls)%n%n",
                results.tenThousandInFlight(), results.tenThousandInFlight()));
        out.append("| client | protocol | connection limit | waiting in the pool | calls/s | ×raw | peak threads | heap KB per call in flight | open fds | connections opened |\n");
        out.append("|:--|:--|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (ScaleRow row : results.tenThousand()) {
            int capacity = row.version() == HttpVersion.H2 ? row.maxConnections() * MAX_STREAMS : row.maxConnections();
            out.append(String.format("| %s | %s | %,d%s | %,d | %,.0f | %.2f | %d | %.1f | %,d | %,d |%n", row.client(), row.protocol(),
                    row.maxConnections(), row.version() == HttpVersion.H2 ? " × " + MAX_STREAMS + " streams" : "",
                    Math.max(0, row.inFlight() - capacity), row.callsPerSecond(),
                    row.callsPerSecond() / raw(results.tenThousand(), row).callsPerSecond(), row.peakThreads(),
                    row.heapPerCallBytes() / 1024.0, row.openFds(), row.connectionsOpened()));
        }
        out.append(String.format("%nI. HTTP/2 against HTTP/1.1, %,d calls in flight, stub answers after 50 ms%n%n", results.http2InFlight()));
        out.append("| client | protocol | connection limit | calls/s | ×raw | ×HTTP/1.1 | connections opened | peak threads | CPU µs/call |\n");
        out.append("|:--|:--|--:|--:|--:|--:|--:|--:|--:|\n");
        for (ScaleRow row : results.http2()) {
            ScaleRow http11 = results.http2().stream()
                    .filter(r -> r.client().equals(row.client()) && r.version() == HttpVersion.HTTP_1_1).findFirst().orElse(row);
            out.append(String.format("| %s | %s | %,d | %,.0f | %.2f | %.2f | %,d | %d | %.1f |%n", row.client(), row.protocol(),
                    row.maxConnections(), row.callsPerSecond(), row.callsPerSecond() / raw(results.http2(), row).callsPerSecond(),
                    row.callsPerSecond() / http11.callsPerSecond(), row.connectionsOpened(), row.peakThreads(), row.cpuMicrosPerCall()));
        }
        return out.toString();
    }

    /** The raw WebClient row with the same protocol. */
    private static ScaleRow raw(List<ScaleRow> rows, ScaleRow row) {
        return rows.stream().filter(r -> r.version() == row.version() && r.client().equals(ScaleClients.Kind.RAW_WEBCLIENT.label))
                .findFirst().orElse(row);
    }
}
