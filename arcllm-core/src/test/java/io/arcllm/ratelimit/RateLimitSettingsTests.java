package io.arcllm.ratelimit;

import io.arcllm.ratelimit.internal.RateLimiters;
import io.arcllm.ratelimit.internal.TokenEstimate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.arcllm.ArcLlmConfigException;
import io.arcllm.ImageBlock;
import io.arcllm.LlmRequest;
import io.arcllm.Message;
import io.arcllm.Tool;
import io.arcllm.config.RateLimitConfig;
import io.arcllm.ratelimit.internal.RateLimitHeaders;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/** Settings merging and validation, the documented token estimate, and reading providers' rate-limit headers. */
class RateLimitSettingsTests {

    @Test
    void aProvidersSettingsOverrideTheGlobalOnesAndInheritWhatTheyLeaveUnset() {
        RateLimitConfig global = RateLimitConfig.UNSET.withRequestsPerMinute(100L).withMaxWait(Duration.ofSeconds(3));
        RateLimitConfig provider = RateLimitConfig.UNSET.withRequestsPerMinute(0L).withOutputTokensPerMinute(500L);

        RateLimitConfig resolved = provider.overriding(global).resolved();

        assertThat(resolved.requestsPerMinute()).isZero(); // 0 drops the global budget
        assertThat(resolved.outputTokensPerMinute()).isEqualTo(500L);
        assertThat(resolved.maxWait()).isEqualTo(Duration.ofSeconds(3));
        assertThat(resolved.store()).isEqualTo(RateLimitConfig.Store.MEMORY);
        assertThat(resolved.onStoreFailure()).isEqualTo(RateLimitConfig.OnStoreFailure.ALLOW);
        assertThat(RateLimitConfig.UNSET.resolved()).isEqualTo(RateLimitConfig.DEFAULTS);
    }

    @Test
    void badValuesAreRejectedNamingTheProperty() {
        assertThatThrownBy(() -> RateLimitConfig.UNSET.withRequestsPerMinute(-1L))
                .isInstanceOf(ArcLlmConfigException.class).hasMessage("requests-per-minute must be >= 0 (0 = no limit), was -1");
        assertThatThrownBy(() -> RateLimitConfig.UNSET.withMaxConcurrent(-2))
                .isInstanceOf(ArcLlmConfigException.class).hasMessageStartingWith("max-concurrent must be >= 0");
        assertThatThrownBy(() -> RateLimitConfig.UNSET.withMaxWait(Duration.ofSeconds(-1)))
                .isInstanceOf(ArcLlmConfigException.class).hasMessageStartingWith("max-wait must be >= 0s");
        assertThatThrownBy(() -> RateLimitConfig.UNSET.withStoreTimeout(Duration.ZERO))
                .isInstanceOf(ArcLlmConfigException.class).hasMessageStartingWith("store-timeout must be > 0");
    }

    @Test
    void redisStoreWithoutAConnectionFailsNamingTheFix() {
        assertThatThrownBy(() -> new RateLimiters().forProvider("anthropic", "m",
                RateLimitConfig.UNSET.withStore(RateLimitConfig.Store.REDIS)))
                .isInstanceOf(ArcLlmConfigException.class).hasMessageContaining("spring.data.redis");
    }

    @Test
    void theInputEstimateCountsCharactersMessagesToolsAndImages() {
        Tool calc = new Tool("calc", "adds", Map.of("type", "object"));
        LlmRequest request = LlmRequest.builder()
                .message(Message.system("abcd".repeat(10)))
                .message(Message.user(List.of(new ImageBlock("aGVsbG8=", "image/png"))))
                .tools(List.of(calc))
                .build();

        long chars = 40 + "calc".length() + "adds".length() + calc.parameters().toString().length();
        assertThat(TokenEstimate.inputTokens(request)).isEqualTo((chars + 3) / 4
                + 2 * TokenEstimate.TOKENS_PER_MESSAGE + TokenEstimate.TOKENS_PER_IMAGE);
    }

    @Test
    void readsAnthropicsRemainingBudgetsAndResets() {
        HttpHeaders headers = new HttpHeaders();
        headers.add("anthropic-ratelimit-requests-remaining", "7");
        headers.add("anthropic-ratelimit-requests-reset", "2026-01-01T00:00:30Z");
        headers.add("anthropic-ratelimit-output-tokens-remaining", "1200");
        headers.add("anthropic-ratelimit-input-tokens-remaining", "not a number");

        RateLimitHeaders.Reported reported = RateLimitHeaders.parse(headers, Instant.parse("2026-01-01T00:00:00Z"));

        assertThat(reported.remaining()).containsExactlyInAnyOrderEntriesOf(
                Map.of(RateLimitBudget.REQUESTS, 7L, RateLimitBudget.OUTPUT_TOKENS, 1200L));
        assertThat(reported.resetIn()).containsEntry(RateLimitBudget.REQUESTS, Duration.ofSeconds(30));
    }

    @Test
    void readsOpenAisRemainingBudgetsWithGoDurations() {
        HttpHeaders headers = new HttpHeaders();
        headers.add("x-ratelimit-remaining-requests", "59");
        headers.add("x-ratelimit-reset-requests", "1m0.5s");
        headers.add("x-ratelimit-remaining-tokens", "149000");
        headers.add("x-ratelimit-reset-tokens", "20ms");

        RateLimitHeaders.Reported reported = RateLimitHeaders.parse(headers, Instant.EPOCH);

        assertThat(reported.remaining()).containsEntry(RateLimitBudget.REQUESTS, 59L)
                .containsEntry(RateLimitBudget.INPUT_TOKENS, 149_000L).containsEntry(RateLimitBudget.OUTPUT_TOKENS, 149_000L);
        assertThat(reported.resetIn()).containsEntry(RateLimitBudget.REQUESTS, Duration.ofMillis(60_500))
                .containsEntry(RateLimitBudget.INPUT_TOKENS, Duration.ofMillis(20));
        assertThat(RateLimitHeaders.parse(new HttpHeaders(), Instant.EPOCH).isEmpty()).isTrue();
    }
}
