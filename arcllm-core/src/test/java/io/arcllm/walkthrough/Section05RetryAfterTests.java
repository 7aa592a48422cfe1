package io.arcllm.walkthrough;

import static io.arcllm.module.FakeProvider.OK;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.arcllm.ArcLlmApiException;
import io.arcllm.Message;
import io.arcllm.config.RetryConfig;
import io.arcllm.module.FakeProvider;
import io.arcllm.module.JitterSource;
import io.arcllm.module.internal.RetryModule;
import org.junit.jupiter.api.Test;

/** Walkthrough §5: a provider's {@code Retry-After} replaces the computed backoff, capped at {@code maxWait}. */
class Section05RetryAfterTests {

    private static final List<Message> MESSAGES = List.of(Message.user("hi"));

    private final VirtualTime time = new VirtualTime();

    @Test
    void honoursRetryAfterInsteadOfTheBackoff() {
        RetryConfig config = RetryConfig.builder().maxRetries(1).backoffBase(Duration.ofSeconds(1))
                .maxWait(Duration.ofSeconds(100)).build();
        ArcLlmApiException rateLimited = new ArcLlmApiException(429, "rate limited", "anthropic", Duration.ofSeconds(5));
        FakeProvider inner = FakeProvider.scripted(rateLimited, OK).clock(time.scheduler());

        assertThat(time.await(new RetryModule(config, inner, time.scheduler(), JitterSource.random())
                .invoke(MESSAGES))).isSameAs(OK);

        assertThat(inner.waits()).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void capsRetryAfterAtMaxWait() {
        RetryConfig config = RetryConfig.builder().maxRetries(1).backoffBase(Duration.ofSeconds(1))
                .maxWait(Duration.ofSeconds(3)).build();
        ArcLlmApiException rateLimited = new ArcLlmApiException(429, "rate limited", "test", Duration.ofSeconds(10));
        FakeProvider inner = FakeProvider.scripted(rateLimited, OK).clock(time.scheduler());

        time.await(new RetryModule(config, inner, time.scheduler(), JitterSource.random()).invoke(MESSAGES));

        assertThat(inner.waits()).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void retryAfterDoesNotMakeANonRetryableStatusRetryable() {
        RetryConfig config = RetryConfig.defaults();
        ArcLlmApiException forbidden = new ArcLlmApiException(403, "no", "anthropic", Duration.ofSeconds(1));
        FakeProvider inner = FakeProvider.scripted(forbidden);

        assertThat(time.awaitError(new RetryModule(config, inner, time.scheduler(), JitterSource.random())
                .invoke(MESSAGES))).isSameAs(forbidden);
        assertThat(inner.invocations()).isEqualTo(1);
    }
}
