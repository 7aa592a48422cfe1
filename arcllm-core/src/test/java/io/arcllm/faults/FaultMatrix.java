package io.arcllm.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.arcllm.faults.FaultStack.ANTHROPIC_KEY;
import static io.arcllm.faults.FaultStack.ANTHROPIC_PATH;
import static io.arcllm.faults.FaultStack.FALLBACK_ANSWER;
import static io.arcllm.faults.FaultStack.OPENAI_KEY;
import static io.arcllm.faults.FaultStack.OPENAI_OK;
import static io.arcllm.faults.FaultStack.OPENAI_PATH;
import static io.arcllm.faults.FaultStack.QUESTION;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.IntSupplier;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.arcllm.ArcLlmApiException;
import io.arcllm.ArcLlmException;
import io.arcllm.faults.FaultStack.Run;
import io.arcllm.faults.Scenario.Expected;
import org.jspecify.annotations.Nullable;

/**
 * Runs one fault under one {@link Scenario} and checks what every fault case must hold: the attempts each
 * provider received (counted by the server, and by the client above Reactor Netty, so no hidden transport retry
 * goes unnoticed), each carrying its key and the question; the retry waits in virtual time; the outcome; no key
 * in the error; the fallback's connections closed right after use and the primary's once the provider is closed.
 * The test then checks what is particular to its fault.
 */
final class FaultMatrix {

    static final Duration CONNECTIONS_CLOSE_WITHIN = Duration.ofSeconds(3);
    static final Duration REAL_TIME_BOUND = Duration.ofSeconds(10);

    /**
     * The primary's server, as the matrix observes it.
     *
     * @param received requests that reached it; null when nothing can (connection refused)
     * @param receivedAsSent requests that carried the Anthropic key and version headers and the question
     * @param openConnections connections open right now; null when nothing can connect
     * @param acceptedConnections connections accepted in all, to show the counting works; null when nothing can connect
     */
    record Upstream(String baseUrl, @Nullable IntSupplier received, @Nullable IntSupplier receivedAsSent,
                    @Nullable IntSupplier openConnections, @Nullable IntSupplier acceptedConnections) {

        static Upstream of(WireMockExtension server, ConnectionCounter connections) {
            return new Upstream(server.baseUrl(),
                    () -> count(server, postRequestedFor(urlPathEqualTo(ANTHROPIC_PATH))),
                    () -> count(server, postRequestedFor(urlPathEqualTo(ANTHROPIC_PATH))
                            .withHeader("x-api-key", equalTo(ANTHROPIC_KEY))
                            .withHeader("anthropic-version", equalTo("2023-06-01"))
                            .withRequestBody(matchingJsonPath("$.messages[0].content[0].text", equalTo(QUESTION)))),
                    connections::open, connections::openedInAll);
        }

        static Upstream of(RawHttpServer server) {
            return new Upstream(server.baseUrl(),
                    () -> (int) server.requests().stream().filter(r -> r.path().equals(ANTHROPIC_PATH)).count(),
                    () -> (int) server.requests().stream()
                            .filter(r -> r.path().equals(ANTHROPIC_PATH))
                            .filter(r -> ANTHROPIC_KEY.equals(r.header("x-api-key")))
                            .filter(r -> "2023-06-01".equals(r.header("anthropic-version")))
                            .filter(r -> r.bodyText().contains("\"text\":\"" + QUESTION + "\""))
                            .count(),
                    server::openConnections, server::acceptedConnections);
        }

        /** A base URL nothing listens on. */
        static Upstream unreachable(String baseUrl) {
            return new Upstream(baseUrl, null, null, null, null);
        }
    }

    private final WireMockExtension fallback;
    private final ConnectionCounter fallbackConnections;
    private final SecretsAudit secrets;

    FaultMatrix(WireMockExtension fallback, ConnectionCounter fallbackConnections, SecretsAudit secrets) {
        this.fallback = fallback;
        this.fallbackConnections = fallbackConnections;
        this.secrets = secrets;
    }

    /** Runs with the default read timeout, expecting exact waits. */
    Run run(Scenario scenario, Upstream primary, Expected expected) {
        return run(scenario, primary, FaultStack.DEFAULT_READ_TIMEOUT, expected, Duration.ZERO);
    }

    /**
     * Sends one call through the stack built for {@code scenario} and checks the common expectations.
     *
     * @param waitTolerance how far each wait may be from the expected one (for waits read from HTTP dates,
     *     which are measured against the real clock)
     */
    Run run(Scenario scenario, Upstream primary, Duration primaryReadTimeout, Expected expected, Duration waitTolerance) {
        fallback.stubFor(post(urlPathEqualTo(OPENAI_PATH)).willReturn(scenario.fallbackAnswers
                ? okJson(OPENAI_OK)
                : aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"type\":\"server_error\",\"message\":\"fallback overloaded\"}}")));
        Run run;
        int acceptedBefore = primary.acceptedConnections() == null ? 0 : primary.acceptedConnections().getAsInt();
        FaultStack stack = new FaultStack(primary.baseUrl(), fallback.baseUrl(), scenario.afterRetries, primaryReadTimeout);
        try {
            run = stack.call();
            assertAttempts(stack, primary, expected);
            // Waits are virtual: even a call that waits minutes in virtual time ends within seconds of real time.
            assertThat(run.realTime()).as("real time of the call").isLessThan(REAL_TIME_BOUND);
            assertThat(run.waits()).as("retry waits, virtual time")
                    .usingElementComparator((a, b) -> a.minus(b).abs().compareTo(waitTolerance) <= 0 ? 0 : a.compareTo(b))
                    .containsExactlyElementsOf(expected.waits());
            assertOutcome(run, expected);
            secrets.assertCapturing();
        } finally {
            stack.close();
        }
        // The fallback's adapter is long-lived (one pool per provider id): its connections close with the registry.
        ConnectionCounter.awaitZero(fallbackConnections::open, CONNECTIONS_CLOSE_WITHIN,
                "connections to the fallback after the registry closed");
        if (primary.openConnections() != null) {
            assertThat(primary.acceptedConnections().getAsInt()).as("connections the primary accepted during the call")
                    .isGreaterThan(acceptedBefore);
            ConnectionCounter.awaitZero(primary.openConnections(), CONNECTIONS_CLOSE_WITHIN,
                    "connections to the primary after close()");
        }
        return run;
    }

    private void assertAttempts(FaultStack stack, Upstream primary, Expected expected) {
        assertThat(stack.sent(ANTHROPIC_PATH)).as("attempts the stack sent to the primary").isEqualTo(expected.primaryAttempts());
        if (primary.received() != null) {
            assertThat(primary.received().getAsInt()).as("attempts the primary received").isEqualTo(expected.primaryAttempts());
            assertThat(primary.receivedAsSent().getAsInt()).as("attempts carrying the key, version and question")
                    .isEqualTo(expected.primaryAttempts());
        }
        assertThat(stack.sent(OPENAI_PATH)).as("attempts the stack sent to the fallback").isEqualTo(expected.fallbackAttempts());
        assertThat(count(fallback, postRequestedFor(urlPathEqualTo(OPENAI_PATH))))
                .as("attempts the fallback received").isEqualTo(expected.fallbackAttempts());
        assertThat(count(fallback, postRequestedFor(urlPathEqualTo(OPENAI_PATH))
                .withHeader("Authorization", equalTo("Bearer " + OPENAI_KEY))
                .withRequestBody(matchingJsonPath("$.messages[0].content", equalTo(QUESTION)))))
                .as("fallback attempts carrying its own key and the question").isEqualTo(expected.fallbackAttempts());
    }

    private void assertOutcome(Run run, Expected expected) {
        switch (expected.outcome()) {
            case PRIMARY_ANSWERS -> {
                assertThat(run.error()).as("error").isNull();
                assertThat(run.response()).isNotNull();
            }
            case FALLBACK_ANSWERS -> {
                assertThat(run.error()).as("error").isNull();
                assertThat(run.response().content()).isEqualTo(FALLBACK_ANSWER);
                assertThat(run.response().model()).isEqualTo("gpt-4o");
            }
            case PRIMARY_ERROR -> {
                assertThat(run.response()).as("response").isNull();
                assertThat(run.error()).isInstanceOf(ArcLlmException.class).hasMessageContaining("anthropic");
                // The fallback's failure rides along as the one suppressed exception, never replacing the primary's.
                assertThat(run.error().getSuppressed()).singleElement().isInstanceOfSatisfying(ArcLlmApiException.class,
                        fallbackError -> {
                            assertThat(fallbackError.provider()).isEqualTo("openai");
                            assertThat(fallbackError.statusCode()).isEqualTo(503);
                        });
                secrets.assertNoKeyIn(run.error());
            }
        }
    }

    private static int count(WireMockExtension server, RequestPatternBuilder pattern) {
        return server.countRequestsMatching(pattern.build()).getCount();
    }
}
