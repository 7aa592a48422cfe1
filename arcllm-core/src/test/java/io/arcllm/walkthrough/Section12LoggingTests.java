package io.arcllm.walkthrough;

import static io.arcllm.module.FakeProvider.OK;
import static io.arcllm.module.FakeProvider.apiError;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import io.arcllm.Message;
import io.arcllm.config.FallbackConfig;
import io.arcllm.config.RetryConfig;
import io.arcllm.module.FakeProvider;
import io.arcllm.module.internal.FallbackModule;
import io.arcllm.module.LogCapture;
import io.arcllm.module.internal.RetryModule;
import org.junit.jupiter.api.Test;

/** Walkthrough §12: both modules log what they do, so operators see retries and fallbacks. */
class Section12LoggingTests {

    private static final List<Message> MESSAGES = List.of(Message.user("hi"));
    private static final RetryConfig THREE_RETRIES = RetryConfig.builder().maxRetries(3)
            .backoffBase(Duration.ofSeconds(1)).build();

    private final VirtualTime time = new VirtualTime();

    @Test
    void eachRetryIsAWarningNamingProviderAttemptWaitAndError() {
        FakeProvider inner = FakeProvider.scripted("anthropic", apiError(429), apiError(429), OK);

        try (LogCapture logs = LogCapture.modules()) {
            time.await(new RetryModule(THREE_RETRIES, inner, time.scheduler(), (min, max) -> 0.23).invoke(MESSAGES));

            assertThat(logs.lines()).containsExactly(
                    "WARN [anthropic] retry attempt 1/3 after 1.23s: anthropic API error: HTTP 429: HTTP 429",
                    "WARN [anthropic] retry attempt 2/3 after 2.23s: anthropic API error: HTTP 429: HTTP 429");
        }
    }

    @Test
    void exhaustionIsLoggedAsAnErrorAfterTheWarnings() {
        FakeProvider inner = FakeProvider.scripted("anthropic", apiError(500), apiError(500), apiError(500),
                apiError(500));

        try (LogCapture logs = LogCapture.modules()) {
            time.awaitError(new RetryModule(THREE_RETRIES, inner, time.scheduler(), (min, max) -> 0).invoke(MESSAGES));

            assertThat(logs.lines(Level.WARN)).hasSize(3);
            assertThat(logs.lines(Level.ERROR)).containsExactly(
                    "ERROR [anthropic] giving up after 4 attempt(s): anthropic API error: HTTP 500: HTTP 500");
            assertThat(logs.lines()).last().asString().startsWith("ERROR");
        }
    }

    @Test
    void aSuccessfulCallLogsNothing() {
        try (LogCapture logs = LogCapture.modules()) {
            time.await(new RetryModule(THREE_RETRIES, FakeProvider.scripted(OK), time.scheduler(), (min, max) -> 0)
                    .invoke(MESSAGES));

            assertThat(logs.lines()).isEmpty();
        }
    }

    @Test
    void aNonRetryableErrorLogsNothing() {
        try (LogCapture logs = LogCapture.modules()) {
            time.awaitError(new RetryModule(THREE_RETRIES, FakeProvider.scripted(apiError(400)), time.scheduler(),
                    (min, max) -> 0).invoke(MESSAGES));

            assertThat(logs.lines()).isEmpty();
        }
    }

    @Test
    void fallbackLogsPrimaryFailureEachFallbackFailureAndTheSuccess() {
        Map<String, FakeProvider> fallbacks = Map.of(
                "openai", FakeProvider.scripted("openai", apiError(503)),
                "ollama", FakeProvider.scripted("ollama", OK));
        FallbackModule module = new FallbackModule(FallbackConfig.builder().chain("openai", "ollama").build(),
                FakeProvider.scripted("anthropic", apiError(500)), (id, excluded) -> fallbacks.get(id));

        try (LogCapture logs = LogCapture.modules()) {
            time.await(module.invoke(MESSAGES));

            assertThat(logs.lines()).containsExactly(
                    "WARN [anthropic] failed, trying fallback chain [openai, ollama]: anthropic API error: HTTP 500: HTTP 500",
                    "WARN [anthropic] fallback 'openai' failed: anthropic API error: HTTP 503: HTTP 503",
                    "INFO [anthropic] fallback 'ollama' answered");
        }
    }

    @Test
    void fallbackLogsAnErrorWhenTheWholeChainFailed() {
        FallbackModule module = new FallbackModule(FallbackConfig.builder().chain("openai").build(),
                FakeProvider.scripted("anthropic", apiError(500)),
                (id, excluded) -> FakeProvider.scripted("openai", apiError(503)));

        try (LogCapture logs = LogCapture.modules()) {
            time.awaitError(module.invoke(MESSAGES));

            assertThat(logs.lines(Level.ERROR)).containsExactly(
                    "ERROR [anthropic] all 1 fallback(s) [openai] failed; signalling the primary error: "
                            + "anthropic API error: HTTP 500: HTTP 500");
        }
    }
}
