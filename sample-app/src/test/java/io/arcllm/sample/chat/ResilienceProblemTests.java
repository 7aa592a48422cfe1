package io.arcllm.sample.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.arcllm.ArcLlmCircuitOpenException;
import io.arcllm.ArcLlmTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** The problem details of the resilience errors: an open circuit and a passed call deadline. */
class ResilienceProblemTests {

    private final ChatProblemHandler handler = new ChatProblemHandler();

    @Test
    void anOpenCircuitIs503WithRetryAfterRoundedUpToWholeSeconds() {
        ResponseEntity<ProblemDetail> answer = handler.circuitOpen(
                new ArcLlmCircuitOpenException("anthropic", Duration.ofMillis(12_300)));

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("13");
        ProblemDetail problem = answer.getBody();
        assertThat(problem.getType()).isEqualTo(URI.create("urn:arcllm:problem:circuit-open"));
        assertThat(problem.getDetail()).contains("anthropic circuit breaker is open", "arcllm.modules.circuit-breaker");
        assertThat(problem.getProperties()).containsEntry("provider", "anthropic").containsEntry("retryAfterSeconds", 13L);
    }

    @Test
    void aCircuitWhoseProbesAreDueStillAsksForASecond() {
        ResponseEntity<ProblemDetail> answer = handler.circuitOpen(new ArcLlmCircuitOpenException("openai", Duration.ZERO));

        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
    }

    @Test
    void aPassedDeadlineIs504NamingAttemptsAndProviders() {
        ResponseEntity<ProblemDetail> answer = handler.upstreamTimeout(ArcLlmTimeoutException.deadline(
                Duration.ofSeconds(30), 4, List.of("anthropic", "openai"), null));

        assertThat(answer.getStatusCode().value()).isEqualTo(504);
        ProblemDetail problem = answer.getBody();
        assertThat(problem.getType()).isEqualTo(URI.create("urn:arcllm:problem:deadline-exceeded"));
        assertThat(problem.getDetail()).isEqualTo("deadline of 30s passed after 4 attempt(s) on anthropic, openai "
                + "(see arcllm.defaults.timeout and the request's timeout)");
        assertThat(problem.getProperties()).containsEntry("attempts", 4).containsEntry("providers", List.of("anthropic", "openai"))
                .containsEntry("timeoutMillis", 30_000L);
    }

    @Test
    void aReadTimeoutStaysAnUpstreamTimeout() {
        ResponseEntity<ProblemDetail> answer = handler.upstreamTimeout(
                new ArcLlmTimeoutException("anthropic", "read", Duration.ofSeconds(60), null));

        assertThat(answer.getStatusCode().value()).isEqualTo(504);
        assertThat(answer.getBody().getType()).isEqualTo(URI.create("urn:arcllm:problem:upstream-timeout"));
    }
}
