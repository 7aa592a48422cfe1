package io.arcllm.bench.scale;

import java.time.Duration;

import io.arcllm.bench.load.ResourceMeter;
import io.arcllm.bench.stub.StubAnthropicServer;
import io.arcllm.config.HttpVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scale scenarios on a small scale, on every build: both clients over HTTP/1.1 and h2c against the stub's h2c
 * mode, every answer checked; over h2c the calls share the connections allowed, over HTTP/1.1 the calls beyond the
 * pool wait for one.
 */
class ScaleSmokeTests {

    private static StubAnthropicServer stub;
    private static ResourceMeter meter;

    @BeforeAll
    static void start() {
        stub = StubAnthropicServer.startWithH2c(1, 50);
        stub.delay(Duration.ofMillis(20));
        meter = new ResourceMeter();
    }

    @AfterAll
    static void stop() {
        meter.close();
        stub.close();
    }

    @Test
    void overH2cAHundredCallsInFlightShareTwoConnections() {
        for (ScaleClients.Kind kind : ScaleClients.Kind.values()) {
            ScaleRow row = new ScaleDriver(stub, meter).run(kind, HttpVersion.H2, 2, 100, 100, 300);

            assertThat(row.calls()).isEqualTo(300);
            assertThat(row.connectionsOpened()).as(kind.label).isBetween(1L, 2L);
            assertThat(row.protocol()).isEqualTo("h2c");
        }
    }

    @Test
    void overHttp11CallsBeyondThePoolWaitForAConnection() {
        for (ScaleClients.Kind kind : ScaleClients.Kind.values()) {
            ScaleRow row = new ScaleDriver(stub, meter).run(kind, HttpVersion.HTTP_1_1, 10, 100, 100, 300);

            assertThat(row.calls()).isEqualTo(300);
            assertThat(row.connectionsOpened()).as(kind.label).isEqualTo(10);
            assertThat(row.openFds()).isGreaterThanOrEqualTo(20);
        }
    }

    @Test
    void theReportShowsBothSections() {
        ScaleRow h1 = new ScaleRow("raw WebClient", HttpVersion.HTTP_1_1, 100, 10, 300, 1000, 20, 2048, 100, 10, 50);
        ScaleRow h2 = new ScaleRow("raw WebClient", HttpVersion.H2, 100, 2, 300, 1500, 20, 1024, 80, 2, 40);

        String report = ScaleBenchmark.render(new ScaleBenchmark.Results(java.util.List.of(h1, h2), java.util.List.of(h1, h2), 100, 100));

        assertThat(report).contains("| raw WebClient | HTTP/1.1 | 10 | 90 | 1,000 | 1.00 | 20 | 2.0 | 100 | 10 |")
                .contains("| raw WebClient | h2c | 2 × 250 streams | 0 | 1,500 | 1.00 |")
                .contains("| raw WebClient | h2c | 2 | 1,500 | 1.00 | 1.50 | 2 | 20 | 40.0 |");
    }
}
