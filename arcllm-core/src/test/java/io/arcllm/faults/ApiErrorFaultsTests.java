package io.arcllm.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.arcllm.faults.FaultStack.ANTHROPIC_KEY;
import static io.arcllm.faults.FaultStack.ANTHROPIC_PATH;
import static io.arcllm.faults.FaultStack.BACKOFF;
import static io.arcllm.faults.FaultStack.DEFAULT_READ_TIMEOUT;
import static io.arcllm.faults.FaultStack.MAX_RETRIES;
import static io.arcllm.faults.FaultStack.OPENAI_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.arcllm.ArcLlmApiException;
import io.arcllm.faults.FaultMatrix.Upstream;
import io.arcllm.faults.FaultStack.Run;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The primary answers with an HTTP error, through the whole stack in both orders, with a failing and with a
 * healthy fallback: 429 with every form of {@code Retry-After}, the retryable 5xx statuses, and the client
 * errors that must never be retried.
 */
class ApiErrorFaultsTests {

    static final ConnectionCounter primaryConnections = new ConnectionCounter();
    static final ConnectionCounter fallbackConnections = new ConnectionCounter();

    @RegisterExtension
    static final WireMockExtension primary = FaultStack.wireMock(primaryConnections);
    @RegisterExtension
    static final WireMockExtension fallback = FaultStack.wireMock(fallbackConnections);

    @RegisterExtension
    final SecretsAudit secrets = new SecretsAudit(ANTHROPIC_KEY, OPENAI_KEY);

    private static final String RATE_LIMITED = """
            {"type":"error","error":{"type":"rate_limit_error","message":"Number of requests has exceeded your rate limit"}}""";

    private Run run(Scenario scenario, ResponseDefinitionBuilder answer, Scenario.Expected expected, Duration waitTolerance) {
        primary.stubFor(post(urlPathEqualTo(ANTHROPIC_PATH)).willReturn(answer));
        return new FaultMatrix(fallback, fallbackConnections, secrets)
                .run(scenario, Upstream.of(primary, primaryConnections), DEFAULT_READ_TIMEOUT, expected, waitTolerance);
    }

    /** The forms a provider may say how long to wait in, and the wait each must give. */
    enum RetryAfterForm {
        SECONDS("Retry-After", () -> "7", Duration.ofSeconds(7)),
        DECIMAL_SECONDS("Retry-After", () -> "2.5", Duration.ofMillis(2500)),
        IMF_FIXDATE("Retry-After", () -> date("EEE, dd MMM yyyy HH:mm:ss 'GMT'", 30), Duration.ofSeconds(30)),
        RFC_850_DATE("Retry-After", () -> date("EEEE, dd-MMM-yy HH:mm:ss 'GMT'", 30), Duration.ofSeconds(30)),
        ASCTIME_DATE("Retry-After", () -> date("EEE MMM ppd HH:mm:ss yyyy", 30), Duration.ofSeconds(30)),
        /** OpenAI's milliseconds header wins over {@code Retry-After}. */
        RETRY_AFTER_MS_WINS("retry-after-ms", () -> "1500", Duration.ofMillis(1500)),
        PAST_DATE("Retry-After", () -> date("EEE, dd MMM yyyy HH:mm:ss 'GMT'", -3600), Duration.ZERO),
        /** Longer than maxWait (60 s): reported as sent, waited for 60 s only. */
        BEYOND_MAX_WAIT("Retry-After", () -> "3600", Duration.ofSeconds(3600)),
        /** Unreadable: as if absent, so the exponential backoff applies. */
        UNREADABLE("Retry-After", () -> "soon", null),
        ABSENT(null, null, null);

        final String header;
        final Supplier<String> value;
        final Duration reported;

        RetryAfterForm(String header, Supplier<String> value, Duration reported) {
            this.header = header;
            this.value = value;
            this.reported = reported;
        }

        /** A date {@code seconds} from now (rounded up to the next whole second) in the given HTTP-date pattern. */
        private static String date(String pattern, long seconds) {
            return DateTimeFormatter.ofPattern(pattern, Locale.US)
                    .format(ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).plusSeconds(seconds + 1));
        }

        ResponseDefinitionBuilder answer() {
            ResponseDefinitionBuilder answer = aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                    .withBody(RATE_LIMITED);
            if (this == RETRY_AFTER_MS_WINS) {
                answer = answer.withHeader("Retry-After", "30");
            }
            return header == null ? answer : answer.withHeader(header, value.get());
        }

        /** The wait before each retry: the reported one capped at maxWait, or the backoff when none was readable. */
        List<Duration> waits() {
            if (reported == null) {
                return BACKOFF;
            }
            Duration capped = reported.compareTo(Duration.ofSeconds(60)) > 0 ? Duration.ofSeconds(60) : reported;
            return Collections.nCopies(MAX_RETRIES, capped);
        }

        /** HTTP dates have whole seconds and are read against the real clock: allow for rounding and the call's duration. */
        Duration tolerance() {
            return name().endsWith("DATE") ? Duration.ofSeconds(3) : Duration.ZERO;
        }
    }

    static Stream<Arguments> retryAfterForms() {
        return Stream.of(RetryAfterForm.values())
                .flatMap(form -> Stream.of(Scenario.values()).map(scenario -> Arguments.of(form, scenario)));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("retryAfterForms")
    void rateLimitIsRetriedAfterTheWaitTheProviderAsksFor(RetryAfterForm form, Scenario scenario) {
        Run run = run(scenario, form.answer(), scenario.whenPrimaryFails(true, form.waits()), form.tolerance());

        if (run.error() != null) {
            ArcLlmApiException error = (ArcLlmApiException) run.error();
            assertThat(error.statusCode()).isEqualTo(429);
            assertThat(error.provider()).isEqualTo("anthropic");
            assertThat(error.body()).isEqualTo(RATE_LIMITED);
            if (form.reported == null) {
                assertThat(error.retryAfter()).isEmpty();
            } else {
                assertThat(error.retryAfter()).hasValueSatisfying(wait -> assertThat(wait)
                        .isBetween(form.reported.minus(form.tolerance()), form.reported.plus(form.tolerance())));
            }
        }
    }

    static Stream<Arguments> retryableStatuses() {
        return Stream.of(500, 502, 503, 529)
                .flatMap(status -> Stream.of(Scenario.values()).map(scenario -> Arguments.of(status, scenario)));
    }

    @ParameterizedTest(name = "HTTP {0}, {1}")
    @MethodSource("retryableStatuses")
    void serverErrorIsRetriedWithExponentialBackoff(int status, Scenario scenario) {
        String body = "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"upstream says " + status + "\"}}";

        Run run = run(scenario, aResponse().withStatus(status).withBody(body), scenario.whenPrimaryFails(true, BACKOFF),
                Duration.ZERO);

        if (run.error() != null) {
            assertThat(run.error()).isExactlyInstanceOf(ArcLlmApiException.class)
                    .hasMessageStartingWith("anthropic API error: HTTP " + status);
            ArcLlmApiException error = (ArcLlmApiException) run.error();
            assertThat(error.statusCode()).isEqualTo(status);
            assertThat(error.body()).isEqualTo(body);
            assertThat(error.retryAfter()).isEmpty();
        }
    }

    static Stream<Arguments> clientErrorStatuses() {
        return Stream.of(400, 401, 403, 404, 413, 422)
                .flatMap(status -> Stream.of(Scenario.values()).map(scenario -> Arguments.of(status, scenario)));
    }

    @ParameterizedTest(name = "HTTP {0}, {1}")
    @MethodSource("clientErrorStatuses")
    void clientErrorIsNeverRetried(int status, Scenario scenario) {
        // The body echoes the key, as some gateways do for 401: it must be masked before it reaches the exception.
        String body = "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"rejected key "
                + ANTHROPIC_KEY + "\"}}";

        Run run = run(scenario, aResponse().withStatus(status).withBody(body).withHeader("Retry-After", "5"),
                scenario.whenPrimaryFails(false, List.of()), Duration.ZERO);

        if (run.error() != null) {
            ArcLlmApiException error = (ArcLlmApiException) run.error();
            assertThat(error.statusCode()).isEqualTo(status);
            assertThat(error.body()).isEqualTo(body.replace(ANTHROPIC_KEY, "****"));
        }
    }
}
