package io.arcllm.walkthrough;

import static io.arcllm.module.FakeProvider.OK;
import static io.arcllm.module.FakeProvider.apiError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import io.arcllm.ArcLlmApiException;
import io.arcllm.ArcLlmConfigException;
import io.arcllm.Message;
import io.arcllm.config.RetryConfig;
import io.arcllm.module.FakeProvider;
import io.arcllm.module.JitterSource;
import io.arcllm.module.internal.RetryModule;
import org.junit.jupiter.api.Test;

/** Walkthrough §6: every aspect of retry is configurable, and bad values are rejected up front. */
class Section06RetryConfigTests {

    private static final List<Message> MESSAGES = List.of(Message.user("hi"));

    private final VirtualTime time = new VirtualTime();

    private RetryModule retry(RetryConfig.Builder config, FakeProvider inner) {
        return new RetryModule(config.backoffBase(Duration.ofMillis(1)).build(), inner, time.scheduler(),
                JitterSource.random());
    }

    @Test
    void maxRetries1MeansTwoAttempts() {
        FakeProvider inner = FakeProvider.scripted(apiError(429), apiError(429), apiError(429), apiError(429),
                apiError(429));

        assertThat(time.awaitError(retry(RetryConfig.builder().maxRetries(1), inner).invoke(MESSAGES)))
                .isInstanceOf(ArcLlmApiException.class);
        assertThat(inner.invocations()).isEqualTo(2);
    }

    @Test
    void customRetryableCodesReplaceTheDefaults() {
        RetryConfig.Builder only503 = RetryConfig.builder().maxRetries(3).retryableStatusCodes(List.of(503));

        FakeProvider rateLimited = FakeProvider.scripted(apiError(429));
        assertThat(time.awaitError(retry(only503, rateLimited).invoke(MESSAGES))).isInstanceOf(ArcLlmApiException.class);
        assertThat(rateLimited.invocations()).isEqualTo(1);

        FakeProvider unavailable = FakeProvider.scripted(apiError(503), OK);
        assertThat(time.await(retry(only503, unavailable).invoke(MESSAGES))).isSameAs(OK);
        assertThat(unavailable.invocations()).isEqualTo(2);
    }

    @Test
    void rejectsNegativeMaxRetriesNamingTheProperty() {
        assertThatThrownBy(() -> RetryConfig.builder().maxRetries(-1).build())
                .isInstanceOf(ArcLlmConfigException.class)
                .hasMessage("max-retries must be >= 0, was -1");
    }

    @Test
    void rejectsZeroBackoffBaseNamingTheProperty() {
        assertThatThrownBy(() -> RetryConfig.builder().backoffBase(Duration.ZERO).build())
                .isInstanceOf(ArcLlmConfigException.class)
                .hasMessage("backoff-base must be > 0, was 0s");
    }

    @Test
    void rejectsZeroMaxWaitNamingTheProperty() {
        assertThatThrownBy(() -> RetryConfig.builder().maxWait(Duration.ZERO).build())
                .isInstanceOf(ArcLlmConfigException.class)
                .hasMessage("max-wait must be > 0, was 0s");
    }

    @Test
    void maxRetries0IsAllowedAndMeansOneAttempt() {
        FakeProvider inner = FakeProvider.scripted(apiError(429));

        RetryModule module = retry(RetryConfig.builder().maxRetries(0), inner);

        assertThat(time.awaitError(module.invoke(MESSAGES))).isInstanceOf(ArcLlmApiException.class);
        assertThat(inner.invocations()).isEqualTo(1);
        assertThat(module.config().maxRetries()).isZero();
    }
}
