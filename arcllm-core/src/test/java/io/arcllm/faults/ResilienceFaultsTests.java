package io.arcllm.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.arcllm.faults.FaultStack.ANTHROPIC_KEY;
import static io.arcllm.faults.FaultStack.ANTHROPIC_PATH;
import static io.arcllm.faults.FaultStack.DEFAULT_READ_TIMEOUT;
import static io.arcllm.faults.FaultStack.FALLBACK_ANSWER;
import static io.arcllm.faults.FaultStack.OPENAI_KEY;
import static io.arcllm.faults.FaultStack.OPENAI_OK;
import static io.arcllm.faults.FaultStack.OPENAI_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.arcllm.ArcLlmApiException;
import io.arcllm.ArcLlmCircuitOpenException;
import io.arcllm.ArcLlmTimeoutException;
import io.arcllm.config.CircuitBreakerConfig;
import io.arcllm.config.ModuleDefaults;
import io.arcllm.faults.FaultStack.Run;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A provider's bad day through the whole registry-built stack over HTTP: an open circuit with and without a
 * fallback, a deadline that would pass during a backoff wait or passes during a fallback, a spent retry budget.
 * Retry: {@value FaultStack#MAX_RETRIES} retries, 1 s base, no jitter, waits in virtual time; with a deadline its
 * timer waits for the virtual clock (see {@link TimeSkippingScheduler}).
 */
class ResilienceFaultsTests {

    static final ConnectionCounter primaryConnections = new ConnectionCounter();
    static final ConnectionCounter fallbackConnections = new ConnectionCounter();

    @RegisterExtension
    static final WireMockExtension primary = FaultStack.wireMock(primaryConnections);
    @RegisterExtension
    static final WireMockExtension fallback = FaultStack.wireMock(fallbackConnections);

    @RegisterExtension
    final SecretsAudit secrets = new SecretsAudit(ANTHROPIC_KEY, OPENAI_KEY);

    private static final String OVERLOADED = "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"x\"}}";

    private static void primaryFails() {
        primary.stubFor(post(urlPathEqualTo(ANTHROPIC_PATH)).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json").withBody(OVERLOADED)));
    }

    private static void fallbackAnswers() {
        fallback.stubFor(post(urlPathEqualTo(OPENAI_PATH)).willReturn(okJson(OPENAI_OK)));
    }

    private static void fallbackFails() {
        fallback.stubFor(post(urlPathEqualTo(OPENAI_PATH)).willReturn(aResponse().withStatus(503)));
    }

    private static int primaryReceived() {
        return primary.getAllServeEvents().size();
    }

    private static int fallbackReceived() {
        return fallback.getAllServeEvents().size();
    }

    private static FaultStack stack(boolean afterRetries, UnaryOperator<ModuleDefaults.Builder> modules,
                                    @Nullable Duration deadline) {
        return new FaultStack(primary.baseUrl(), fallback.baseUrl(), afterRetries, DEFAULT_READ_TIMEOUT, modules, deadline);
    }

    /** A circuit that opens after 2 attempts of which at least half failed. */
    private static ModuleDefaults.Builder circuit(ModuleDefaults.Builder modules) {
        return modules.enabled(CircuitBreakerConfig.KIND, true)
                .settings(CircuitBreakerConfig.KIND, CircuitBreakerConfig.builder().minimumCalls(2).build());
    }

    @ParameterizedTest(name = "afterRetries {0}")
    @ValueSource(booleans = {false, true})
    void anOpenCircuitSendsCallsStraightToTheFallbackWithoutTouchingThePrimary(boolean afterRetries) {
        primaryFails();
        fallbackAnswers();
        try (FaultStack stack = stack(afterRetries, ResilienceFaultsTests::circuit, null)) {
            // Open it: two failed attempts (two calls in the default order; one call's retry after retries).
            while (primaryReceived() < 2) {
                assertThat(stack.call().response().content()).isEqualTo(FALLBACK_ANSWER);
            }
            int primaryBefore = primaryReceived();
            int fallbackBefore = fallbackReceived();
            List<Duration> waitsBefore = stack.waits();

            for (int i = 0; i < 5; i++) {
                Run run = stack.call();
                assertThat(run.error()).as("error").isNull();
                assertThat(run.response().content()).isEqualTo(FALLBACK_ANSWER);
            }

            assertThat(primaryReceived()).as("requests to the primary while open").isEqualTo(primaryBefore);
            assertThat(stack.sent(ANTHROPIC_PATH)).as("exchanges the stack started to it").isEqualTo(primaryBefore);
            assertThat(fallbackReceived()).isEqualTo(fallbackBefore + 5);
            assertThat(stack.waits()).as("no retry wait while open").isEqualTo(waitsBefore);
            secrets.assertCapturing();
        }
    }

    @Test
    void anOpenCircuitWithoutFallbackFailsAtOnceWithTheCircuitError() {
        primaryFails();
        try (FaultStack stack = stack(false, modules -> circuit(modules).fallbackEnabled(false), null)) {
            assertThat(stack.provider().toString()).isEqualTo("RetryModule -> CircuitBreakerModule -> AnthropicAdapter");
            // Attempts at 0 and 1 s fail and open the circuit; the third attempt (at 3 s) is refused unsent.
            Run opening = stack.call();
            assertThat(opening.error()).isInstanceOf(ArcLlmCircuitOpenException.class);
            assertThat(primaryReceived()).isEqualTo(2);
            int waitsBefore = stack.waits().size();

            Run run = stack.call();

            assertThat(run.error()).isInstanceOfSatisfying(ArcLlmCircuitOpenException.class, open -> {
                assertThat(open.provider()).isEqualTo("anthropic");
                assertThat(open.retryIn()).isPositive().isLessThanOrEqualTo(CircuitBreakerConfig.DEFAULT_OPEN_DURATION);
            });
            assertThat(primaryReceived()).as("nothing sent while open").isEqualTo(2);
            assertThat(stack.waits()).as("not retried").hasSize(waitsBefore);
            assertThat(fallbackReceived()).isZero();
            secrets.assertNoKeyIn(run.error());
        }
    }

    @Test
    void aDeadlineThatWouldPassDuringABackoffWaitEndsTheCallWithTheLastErrorAtOnce() {
        primaryFails();
        fallbackFails();
        try (FaultStack stack = stack(false, UnaryOperator.identity(), Duration.ofMillis(2500))) {
            assertThat(stack.provider().toString()).isEqualTo("DeadlineModule -> RetryModule -> FallbackModule -> AnthropicAdapter");

            Run run = stack.call();

            // Round 1 at 0 s, wait 1 s, round 2 at 1 s; the next wait (2 s) would end at 3 s, past 2.5 s: no wait.
            assertThat(run.waits()).containsExactly(Duration.ofSeconds(1));
            assertThat(run.error()).isInstanceOfSatisfying(ArcLlmApiException.class, e -> {
                assertThat(e.provider()).isEqualTo("anthropic");
                assertThat(e.statusCode()).isEqualTo(503);
            });
            assertThat(run.error().getSuppressed()).singleElement().isInstanceOf(ArcLlmApiException.class);
            assertThat(primaryReceived()).isEqualTo(2);
            assertThat(fallbackReceived()).isEqualTo(2);
        }
    }

    @Test
    void afterRetriesAFallbackGetsTheTimeTheSkippedWaitLeft() {
        primaryFails();
        fallbackAnswers();
        try (FaultStack stack = stack(true, UnaryOperator.identity(), Duration.ofMillis(2500))) {
            Run run = stack.call();

            assertThat(run.waits()).containsExactly(Duration.ofSeconds(1));
            assertThat(run.error()).as("error").isNull();
            assertThat(run.response().content()).isEqualTo(FALLBACK_ANSWER);
            assertThat(primaryReceived()).isEqualTo(2);
            assertThat(fallbackReceived()).isEqualTo(1);
        }
    }

    @Test
    void aDeadlinePassingDuringAFallbackEndsTheCallWithTheDeadlineNamingBothProviders() {
        primaryFails();
        fallback.stubFor(post(urlPathEqualTo(OPENAI_PATH)).willReturn(okJson(OPENAI_OK).withFixedDelay(10_000)));
        try (FaultStack stack = stack(false, UnaryOperator.identity(), Duration.ofSeconds(1))) {
            Run run = stack.call();

            assertThat(run.error()).isInstanceOfSatisfying(ArcLlmTimeoutException.class, deadline -> {
                assertThat(deadline.isDeadline()).isTrue();
                assertThat(deadline.getMessage()).isEqualTo("deadline of 1s passed after 2 attempt(s) on anthropic, openai");
                assertThat(deadline.attempts()).isEqualTo(2);
                assertThat(deadline.providers()).containsExactly("anthropic", "openai");
            });
            // The fallback's read timeout (5 s) was capped at the time left: the client hung up at the deadline.
            assertThat(run.realTime()).isBetween(Duration.ofMillis(900), Duration.ofSeconds(4));
            assertThat(run.waits()).as("no retry after the deadline").isEmpty();
            assertThat(primaryReceived()).isEqualTo(1);
            assertThat(fallbackReceived()).isEqualTo(1);
            secrets.assertNoKeyIn(run.error());
        }
    }

    @Test
    void aSpentRetryBudgetSendsNoRetryAndTheCallFailsWithItsOwnError() {
        primaryFails();
        fallbackFails();
        try (FaultStack stack = stack(false, modules -> modules.retry(r -> r.budgetRatio(0).minRetriesPerSecond(0)), null)) {
            Run run = stack.call();

            assertThat(run.error()).isInstanceOfSatisfying(ArcLlmApiException.class, e -> {
                assertThat(e.provider()).isEqualTo("anthropic");
                assertThat(e.statusCode()).isEqualTo(503);
            });
            assertThat(run.waits()).as("no retry").isEmpty();
            assertThat(primaryReceived()).isEqualTo(1);
            assertThat(fallbackReceived()).isEqualTo(1);
        }
    }

    @Test
    void afterRetriesASpentRetryBudgetGoesStraightToTheFallback() {
        primaryFails();
        fallbackAnswers();
        try (FaultStack stack = stack(true, modules -> modules.retry(r -> r.budgetRatio(0).minRetriesPerSecond(0)), null)) {
            Run run = stack.call();

            assertThat(run.error()).as("error").isNull();
            assertThat(run.response().content()).isEqualTo(FALLBACK_ANSWER);
            assertThat(run.waits()).as("no retry").isEmpty();
            assertThat(primaryReceived()).isEqualTo(1);
            assertThat(fallbackReceived()).isEqualTo(1);
        }
    }
}
