package io.arcllm.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.arcllm.faults.FaultStack.ANTHROPIC_KEY;
import static io.arcllm.faults.FaultStack.ANTHROPIC_OK;
import static io.arcllm.faults.FaultStack.ANTHROPIC_PATH;
import static io.arcllm.faults.FaultStack.BACKOFF;
import static io.arcllm.faults.FaultStack.DEFAULT_READ_TIMEOUT;
import static io.arcllm.faults.FaultStack.OPENAI_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.arcllm.ArcLlmTimeoutException;
import io.arcllm.ArcLlmTransportException;
import io.arcllm.faults.FaultMatrix.Upstream;
import io.arcllm.faults.FaultStack.Run;
import io.arcllm.faults.Scenario.Expected;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The connection fails: refused, reset before or during the answer, closed during or without an answer, headers that
 * never come, a body that trickles in. All are transport errors, so all are retried; the two slow ones are read
 * timeouts (300 ms here), and the client itself must hang up on the slow server when its time is up.
 */
class TransportFaultsTests {

    static final ConnectionCounter primaryConnections = new ConnectionCounter();
    static final ConnectionCounter fallbackConnections = new ConnectionCounter();

    @RegisterExtension
    static final WireMockExtension primary = FaultStack.wireMock(primaryConnections);
    @RegisterExtension
    static final WireMockExtension fallback = FaultStack.wireMock(fallbackConnections);

    static final RawHttpServer raw = RawHttpServer.start();

    @RegisterExtension
    final SecretsAudit secrets = new SecretsAudit(ANTHROPIC_KEY, OPENAI_KEY);

    private static final Duration READ_TIMEOUT = Duration.ofMillis(300);
    /** How long after its read timeout the client may take to close the connection, as the server sees it. */
    private static final Duration HANG_UP_SLACK = Duration.ofMillis(1_200);

    /** How long after each request arrived the client hung up on the slow server. */
    private final List<Duration> hangUps = new CopyOnWriteArrayList<>();

    @AfterAll
    static void stopRawServer() {
        raw.close();
    }

    private FaultMatrix matrix() {
        return new FaultMatrix(fallback, fallbackConnections, secrets);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Scenario.class)
    void connectionRefusedIsRetried(Scenario scenario) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        Run run = matrix().run(scenario, Upstream.unreachable("http://127.0.0.1:" + closedPort),
                scenario.whenPrimaryFails(true, BACKOFF));

        if (run.error() != null) {
            assertThat(run.error()).isExactlyInstanceOf(ArcLlmTransportException.class)
                    .hasMessageStartingWith("anthropic transport error: ")
                    .hasCauseInstanceOf(ConnectException.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Scenario.class)
    void resetBeforeTheResponseIsRetried(Scenario scenario) {
        primary.stubFor(post(urlPathEqualTo(ANTHROPIC_PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        Run run = matrix().run(scenario, Upstream.of(primary, primaryConnections), scenario.whenPrimaryFails(true, BACKOFF));

        if (run.error() != null) {
            assertThat(run.error()).isExactlyInstanceOf(ArcLlmTransportException.class);
            assertThat(run.error().getCause()).isInstanceOf(IOException.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Scenario.class)
    void resetInTheMiddleOfTheBodyIsRetried(Scenario scenario) {
        byte[] answer = ANTHROPIC_OK.getBytes(StandardCharsets.UTF_8);
        raw.answerWith((request, reply) -> reply.partialBodyThenReset(200, answer.length, Arrays.copyOf(answer, 40)));

        Run run = matrix().run(scenario, Upstream.of(raw), scenario.whenPrimaryFails(true, BACKOFF));

        if (run.error() != null) {
            // Not a parse error of the 40 bytes that arrived: the answer was cut, so it is a transport failure.
            assertThat(run.error()).isExactlyInstanceOf(ArcLlmTransportException.class);
            assertThat(run.error().getCause()).isInstanceOf(IOException.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Scenario.class)
    void connectionClosedInTheMiddleOfTheBodyIsRetried(Scenario scenario) {
        byte[] answer = ANTHROPIC_OK.getBytes(StandardCharsets.UTF_8);
        raw.answerWith((request, reply) -> reply.partialBodyThenHangUp(200, answer.length, Arrays.copyOf(answer, 40)));

        Run run = matrix().run(scenario, Upstream.of(raw), scenario.whenPrimaryFails(true, BACKOFF));

        if (run.error() != null) {
            assertThat(run.error()).isExactlyInstanceOf(ArcLlmTransportException.class);
            // Reactor Netty's own words: the headers had arrived, the body was cut.
            assertThat(run.error().getCause()).hasMessageContaining("prematurely closed DURING response");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Scenario.class)
    void emptyResponseIsRetried(Scenario scenario) {
        primary.stubFor(post(urlPathEqualTo(ANTHROPIC_PATH)).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

        Run run = matrix().run(scenario, Upstream.of(primary, primaryConnections), scenario.whenPrimaryFails(true, BACKOFF));

        if (run.error() != null) {
            assertThat(run.error()).isExactlyInstanceOf(ArcLlmTransportException.class);
            assertThat(run.error().getCause()).isNotNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Scenario.class)
    void headersSlowerThanTheReadTimeoutAreATimeoutAndTheClientHangsUp(Scenario scenario) {
        raw.answerWith((request, reply) -> {
            long start = System.nanoTime();
            // Without the read timeout the client would get a valid answer after 10 s.
            if (reply.stallUntilHangUp(Duration.ofSeconds(10), ANTHROPIC_OK)) {
                hangUps.add(Duration.ofNanos(System.nanoTime() - start));
            }
        });
        Expected expected = scenario.whenPrimaryFails(true, BACKOFF);

        Run run = matrix().run(scenario, Upstream.of(raw), READ_TIMEOUT, expected, Duration.ZERO);

        assertTimedOut(run, expected);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Scenario.class)
    void bodyTricklingPastTheReadTimeoutIsATimeoutAndTheClientHangsUp(Scenario scenario) {
        raw.answerWith((request, reply) -> {
            long start = System.nanoTime();
            // Headers at once, then a byte every 50 ms: the whole answer would take about 12 s.
            reply.trickle(ANTHROPIC_OK.getBytes(StandardCharsets.UTF_8), Duration.ofMillis(50));
            hangUps.add(Duration.ofNanos(System.nanoTime() - start));
        });
        Expected expected = scenario.whenPrimaryFails(true, BACKOFF);

        Run run = matrix().run(scenario, Upstream.of(raw), READ_TIMEOUT, expected, Duration.ZERO);

        assertTimedOut(run, expected);
    }

    private void assertTimedOut(Run run, Expected expected) {
        if (run.error() != null) {
            assertThat(run.error()).isExactlyInstanceOf(ArcLlmTimeoutException.class)
                    .hasMessage("anthropic read timeout after 300 ms");
        }
        Duration timeouts = READ_TIMEOUT.multipliedBy(expected.primaryAttempts());
        assertThat(run.realTime()).as("real time of %d attempts of 300 ms", expected.primaryAttempts())
                .isGreaterThanOrEqualTo(timeouts).isLessThan(timeouts.plusSeconds(3));
        assertThat(hangUps).as("the client hung up on every slow attempt, soon after its read timeout")
                .hasSize(expected.primaryAttempts())
                .allSatisfy(hangUp -> assertThat(hangUp).isLessThan(READ_TIMEOUT.plus(HANG_UP_SLACK)));
        assertThat(DEFAULT_READ_TIMEOUT).isGreaterThan(READ_TIMEOUT); // the fallback is not the one timing out
    }
}
