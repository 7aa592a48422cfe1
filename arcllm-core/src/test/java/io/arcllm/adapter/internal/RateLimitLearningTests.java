package io.arcllm.adapter.internal;

import io.arcllm.adapter.internal.BaseAdapter;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static io.arcllm.adapter.internal.AdapterTestSupport.Format.ANTHROPIC;
import static io.arcllm.adapter.internal.AdapterTestSupport.Format.OPENAI;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.arcllm.ArcLlmApiException;
import io.arcllm.ArcLlmRateLimitException;
import io.arcllm.LlmRequest;
import io.arcllm.Message;
import io.arcllm.config.RateLimitConfig;
import io.arcllm.module.internal.RateLimitModule;
import io.arcllm.ratelimit.RateLimitBudget;
import io.arcllm.ratelimit.RateLimitObserver;
import io.arcllm.ratelimit.internal.RateLimiter;
import io.arcllm.ratelimit.internal.RateLimiters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The adapters report each answer's headers to the rate limiter, which learns the provider's remaining budget. */
class RateLimitLearningTests {

    @RegisterExtension
    static final WireMockExtension wireMock = AdapterTestSupport.wireMock();

    private static final LlmRequest HELLO = LlmRequest.builder().message(Message.user("hello")).maxTokens(50).build();
    private static final RateLimitConfig CONFIG = new RateLimitConfig(50L, 0L, 8000L, 0, Duration.ZERO,
            null, null, null, null);

    private BaseAdapter adapter;

    @AfterEach
    void close() {
        adapter.close();
    }

    @Test
    void anthropicsRemainingHeadersLowerTheLocalBudgets() {
        wireMock.stubFor(ANTHROPIC.endpoint().willReturn(AdapterTestSupport.json(ANTHROPIC.okBody)
                .withHeader("anthropic-ratelimit-requests-remaining", "3")
                .withHeader("anthropic-ratelimit-output-tokens-remaining", "9999")));
        adapter = ANTHROPIC.adapter(wireMock);
        // The limiter's clock stands still (virtual), so no refill blurs what the call took and the header lowered.
        RateLimiter limiter = new RateLimiters(null, VirtualTimeScheduler.create(), RateLimitObserver.NONE)
                .forProvider("anthropic", ANTHROPIC.model, CONFIG);
        RateLimitModule module = new RateLimitModule(adapter, limiter, 1000);

        assertThat(AdapterTestSupport.call(module.invoke(HELLO)).content()).isEqualTo("Hello");

        wireMock.verify(ANTHROPIC.sentWithKey().withRequestBody(equalToJson("{\"max_tokens\":50}", true, true)));
        assertThat(limiter.reportedRemaining()).containsEntry(RateLimitBudget.REQUESTS, 3L);
        // requests: the provider says 3 left, lower than our 49; output tokens: 8000 - 5 used, below the provider's 9999
        assertThat(limiter.remaining().block(AdapterTestSupport.BLOCK))
                .containsEntry(RateLimitBudget.REQUESTS, 3L).containsEntry(RateLimitBudget.OUTPUT_TOKENS, 7995L);
    }

    @Test
    void openAis429WithRetryAfterPausesTheProviderSoTheNextCallIsRefusedWithoutBeingSent() {
        wireMock.stubFor(OPENAI.endpoint().willReturn(aResponse().withStatus(429).withHeader("Retry-After", "20")
                .withHeader("x-ratelimit-remaining-requests", "0").withBody("{\"error\":{\"message\":\"slow down\"}}")));
        adapter = OPENAI.adapter(wireMock);
        RateLimiter limiter = new RateLimiters().forProvider("openai", OPENAI.model, CONFIG);
        RateLimitModule module = new RateLimitModule(adapter, limiter, 1000);

        Throwable first = AdapterTestSupport.failure(module.invoke(HELLO));
        Throwable second = AdapterTestSupport.failure(module.invoke(HELLO));

        assertThat(first).isInstanceOfSatisfying(ArcLlmApiException.class, e -> assertThat(e.statusCode()).isEqualTo(429));
        assertThat(second).isInstanceOfSatisfying(ArcLlmRateLimitException.class, refused -> {
            assertThat(refused.budget()).isEqualTo(RateLimitBudget.RETRY_AFTER);
            assertThat(refused.suggestedWait()).isBetween(Duration.ofSeconds(19), Duration.ofSeconds(20));
        });
        wireMock.verify(exactly(1), OPENAI.sentWithKey());
        assertThat(limiter.reportedRemaining()).containsEntry(RateLimitBudget.REQUESTS, 0L);
        assertThat(List.of(limiter.pausedFor())).allMatch(d -> d.compareTo(Duration.ofSeconds(19)) > 0);
    }
}
