package io.arcllm.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.arcllm.bench.load.BenchClient;
import io.arcllm.bench.load.BenchClients;
import io.arcllm.bench.load.BenchClients.Kind;
import io.arcllm.bench.load.ClientResult;
import io.arcllm.bench.load.LoadDriver;
import io.arcllm.bench.load.ResourceMeter;
import io.arcllm.bench.load.Scenario;
import io.arcllm.bench.report.ResultsReport;
import io.arcllm.bench.report.RunInfo;
import io.arcllm.bench.stub.CannedAnswers;
import io.arcllm.bench.stub.StubAnthropicServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stub answers like the Messages API, and the driver really runs every client against it. */
class BenchmarkSmokeTests {

    private static StubAnthropicServer stub;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startStub() {
        stub = StubAnthropicServer.start(1);
    }

    @AfterAll
    static void stopStub() {
        stub.close();
    }

    @Test
    void stubAnswersAKeyedMessagesRequestWithTheCannedAnswer() throws Exception {
        HttpResponse<byte[]> response = http.send(post(true), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo(CannedAnswers.anthropicMessage()).hasSizeBetween(900, 1100);
    }

    @Test
    void stubRejectsARequestWithoutAKey() throws Exception {
        HttpResponse<String> response = http.send(post(false), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("an API key and anthropic-version are required");
    }

    @Test
    void stubWaitsTheConfiguredDelayBeforeAnswering() throws Exception {
        stub.delay(Duration.ofMillis(150));
        try {
            long start = System.nanoTime();
            HttpResponse<byte[]> response = http.send(post(true), HttpResponse.BodyHandlers.ofByteArray());
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(elapsedMillis).isGreaterThanOrEqualTo(150);
        } finally {
            stub.delay(Duration.ZERO);
        }
    }

    @Test
    void driverRunsTwentyCallsThroughEveryClientAndTheReportComparesThemToRaw() {
        long answeredBefore = stub.requestCount();
        Map<Kind, ClientResult> results;
        try (ResourceMeter meter = new ResourceMeter()) {
            LoadDriver driver = new LoadDriver(stub, List.of(Kind.values()), meter, line -> { }, Duration.ofMillis(50));
            results = driver.run(new Scenario("smoke", 5, Duration.ZERO, 1, 20, 0, 0));
        }

        assertThat(results).containsOnlyKeys(Kind.values());
        assertThat(results.values()).allSatisfy(result -> {
            assertThat(result.calls()).isEqualTo(20);
            assertThat(result.p50Nanos()).isPositive().isLessThanOrEqualTo(result.p99Nanos());
            assertThat(result.callsPerSecond()).isPositive();
            assertThat(result.peakThreads()).isPositive();
            assertThat(result.allocatedBytesPerCall()).isPositive();
        });
        // Per client: priming bursts of 5 calls (one per slot in flight), then the 20 measured ones; nothing more. A pooled
        // client primes until a burst opens no connection: 2 to 4 bursts; the SDK is not primed.
        long priming = stub.requestCount() - answeredBefore - 4 * 20;
        assertThat(priming % 5).isZero();
        assertThat(priming / 5).isBetween(3L * 2, 3L * 4);

        String report = new ResultsReport(RunInfo.current(), 0, new ResultsReport.LoadSection(
                new Scenario("smoke", 5, Duration.ZERO, 1, 20, 0, 0), results), null, null, List.of()).render();
        assertThat(report).contains("| raw WebClient", "| ArcLLM full stack", "| anthropic-java SDK", "added p50 latency");
        String load = new ResultsReport(RunInfo.current(), 0, null, new ResultsReport.LoadSection(
                new Scenario("smoke", 5, Duration.ZERO, 1, 20, 0, 0), results), null, List.of()).render();
        assertThat(load).contains("added KB vs raw", "new conns", "full stack at 5 in flight: 0 new connections at steady state");
    }

    @Test
    void streamLoadRunsConcurrentStreamsOfEveryDeltaAndRendersARow() {
        long answeredBefore = stub.requestCount();
        io.arcllm.bench.load.StreamLoad.Result result;
        try (ResourceMeter meter = new ResourceMeter()) {
            result = new io.arcllm.bench.load.StreamLoad(stub, meter, line -> { }).run(20, 50, 1);
        }

        // Start, usage at message_start, 50 deltas, usage at message_delta, stop.
        assertThat(result.eventsPerStream()).isEqualTo(54);
        assertThat(result.firstEventP50Millis()).isPositive().isLessThanOrEqualTo(result.firstEventP99Millis());
        assertThat(result.eventsPerSecond()).isPositive();
        assertThat(stub.requestCount() - answeredBefore).as("warm-up round plus measured round").isEqualTo(40);
        assertThat(io.arcllm.bench.load.StreamLoad.render(List.of(result))).contains("| 20 | 54 | 1 |");
    }

    @Test
    void driverFailsLoudlyWhenAnAnswerIsNotTheCannedOne() {
        BenchClient truncating = new BenchClient() {
            @Override
            public String label() {
                return "truncating";
            }

            @Override
            public Mono<String> call() {
                return Mono.just("only part of the answer");
            }

            @Override
            public void close() {
            }
        };

        assertThatThrownBy(() -> LoadDriver.callMany(truncating, 3, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("truncating: 3 of 3 calls failed")
                .cause().hasMessageContaining("answer text of 23 chars");
    }

    private static HttpRequest post(boolean withKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stub.baseUrl() + "/v1/messages"))
                .header("content-type", "application/json")
                .header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"max_tokens\":1,\"messages\":[]}"));
        if (withKey) {
            request.header("x-api-key", BenchClients.API_KEY);
        }
        return request.build();
    }
}
