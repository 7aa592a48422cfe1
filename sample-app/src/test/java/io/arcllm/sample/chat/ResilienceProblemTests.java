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
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/** The problem details of the resilience errors: an open circuit and a passed call deadline. */
class ResilienceProblemTests {

    private final ChatProblemHandler handler = new ChatProblemHandler();

    private ResponseEntity<ProblemDetail> answer(Exception error) {
        return handler.handle(error, MockServerWebExchange.from(MockServerHttpRequest.post("/api/chat")));
    }

    @Test
    void anOpenCircuitIs503WithRetryAfterRoundedUpToWholeSeconds() {
        ResponseEntity<ProblemDetail> answer = answer(new ArcLlmCircuitOpenException("anthropic", Duration.ofMillis(12_300)));

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("13");
        ProblemDetail problem = answer.getBody();
        assertThat(problem.getType()).isEqualTo(URI.create("urn:arcllm:problem:circuit-open"));
        assertThat(problem.getDetail()).contains("anthropic circuit breaker is open", "arcllm.modules.circuit-breaker");
        assertThat(problem.getProperties()).containsEntry("provider", "anthropic").containsEntry("retryAfterSeconds", 13L);
    }

    @Test
    void aCircuitWhoseProbesAreDueStillAsksForASecond() {
        ResponseEntity<ProblemDetail> answer = answer(new ArcLlmCircuitOpenException("openai", Duration.ZERO));

        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
    }

    @Test
    void aPassedDeadlineIs504NamingAttemptsAndProviders() {
        ResponseEntity<ProblemDetail> answer = answer(ArcLlmTimeoutException.deadline(
                Duration.ofSeconds(30), 4, List.of("anthropic", "openai"), null));

        assertThat(answer.getStatusCode().value()).isEqualTo(504);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNull();
        ProblemDetail problem = answer.getBody();
        assertThat(problem.getDetail()).isEqualTo("deadline of 30s passed after 4 attempt(s) on anthropic, openai "
                + "(see arcllm.defaults.timeout and the request's timeout)");
        assertThat(problem.getProperties()).containsEntry("deadline", true).containsEntry("attempts", 4)
                .containsEntry("providers", List.of("anthropic", "openai")).containsEntry("timeoutMillis", 30_000L);
    }

    @Test
    void aReadTimeoutStaysAnUpstreamTimeoutWithoutDeadlineMembers() {
        ResponseEntity<ProblemDetail> answer = answer(new ArcLlmTimeoutException("anthropic", "read", Duration.ofSeconds(60), null));

        assertThat(answer.getStatusCode().value()).isEqualTo(504);
        assertThat(answer.getBody().getType()).isEqualTo(URI.create("urn:arcllm:problem:upstream-timeout"));
        assertThat(answer.getBody().getProperties()).doesNotContainKey("deadline");
    }
}
