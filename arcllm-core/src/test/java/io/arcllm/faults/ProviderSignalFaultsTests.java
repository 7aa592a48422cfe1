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
import static io.arcllm.faults.FaultStack.OPENAI_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.arcllm.ArcLlmApiException;
import io.arcllm.faults.FaultStack.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The providers' own retry verdict, {@code x-should-retry}, through the whole registry-built stack
 * ({@code Retry(Fallback(Adapter))}, the fallback failing too): it overrides the status rule both ways.
 */
class ProviderSignalFaultsTests {

    static final ConnectionCounter primaryConnections = new ConnectionCounter();
    static final ConnectionCounter fallbackConnections = new ConnectionCounter();

    @RegisterExtension
    static final WireMockExtension primary = FaultStack.wireMock(primaryConnections);
    @RegisterExtension
    static final WireMockExtension fallback = FaultStack.wireMock(fallbackConnections);

    @RegisterExtension
    final SecretsAudit secrets = new SecretsAudit(ANTHROPIC_KEY, OPENAI_KEY);

    private Run call(int status, String shouldRetry) {
        primary.stubFor(post(urlPathEqualTo(ANTHROPIC_PATH)).willReturn(aResponse().withStatus(status)
                .withHeader("x-should-retry", shouldRetry)
                .withBody("{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"x\"}}")));
        fallback.stubFor(post(urlPathEqualTo(OPENAI_PATH)).willReturn(aResponse().withStatus(500)));
        try (FaultStack stack = new FaultStack(primary.baseUrl(), fallback.baseUrl(), false, DEFAULT_READ_TIMEOUT)) {
            Run run = stack.call();
            assertThat(stack.sent(ANTHROPIC_PATH)).as("requests to the primary").isEqualTo(primary.getAllServeEvents().size());
            secrets.assertCapturing();
            return run;
        }
    }

    @Test
    void shouldRetryFalseOnA503IsNotRetried() {
        Run run = call(503, "false");

        assertThat(run.error()).isInstanceOfSatisfying(ArcLlmApiException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(503);
            assertThat(e.shouldRetry()).contains(false);
        });
        assertThat(primary.getAllServeEvents()).hasSize(1);
        assertThat(fallback.getAllServeEvents()).hasSize(1);
        assertThat(run.waits()).isEmpty();
    }

    @Test
    void shouldRetryTrueOnA400IsRetriedWithBackoff() {
        Run run = call(400, "true");

        assertThat(run.error()).isInstanceOfSatisfying(ArcLlmApiException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.shouldRetry()).contains(true);
        });
        assertThat(primary.getAllServeEvents()).hasSize(MAX_RETRIES + 1);
        assertThat(run.waits()).isEqualTo(BACKOFF);
    }
}
