package io.arcllm.walkthrough;

import static io.arcllm.module.FakeProvider.apiError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Duration;
import java.util.List;

import io.arcllm.ArcLlmApiException;
import io.arcllm.ArcLlmTransportException;
import io.arcllm.Message;
import io.arcllm.config.RetryConfig;
import io.arcllm.module.FakeProvider;
import io.arcllm.module.JitterSource;
import io.arcllm.module.internal.RetryModule;
import org.junit.jupiter.api.Test;

/** Walkthrough §3: when every attempt fails, the last error comes out unchanged. */
class Section03RetryExhaustionTests {

    private static final List<Message> MESSAGES = List.of(Message.user("hi"));

    private final VirtualTime time = new VirtualTime();
    private final RetryConfig config = RetryConfig.builder().maxRetries(3).backoffBase(Duration.ofMillis(1)).build();

    @Test
    void maxRetries3MeansFourAttemptsThenTheLastApiErrorAsIs() {
        ArcLlmApiException last = apiError(429);
        FakeProvider inner = FakeProvider.scripted(apiError(429), apiError(429), apiError(429), last);
        RetryModule module = new RetryModule(config, inner, time.scheduler(), JitterSource.random());

        Throwable error = time.awaitError(module.invoke(MESSAGES));

        assertThat(inner.invocations()).isEqualTo(4);
        assertThat(error).isSameAs(last).isExactlyInstanceOf(ArcLlmApiException.class);
        assertThat(((ArcLlmApiException) error).statusCode()).isEqualTo(429);
        assertThat(((ArcLlmApiException) error).provider()).isEqualTo("anthropic");
        assertThat(error.getSuppressed()).isEmpty();
    }

    @Test
    void aConnectionErrorStaysAConnectionErrorWithItsCause() {
        ArcLlmTransportException last = new ArcLlmTransportException("anthropic", new ConnectException("refused"));
        FakeProvider inner = FakeProvider.scripted(
                new ArcLlmTransportException("anthropic", new ConnectException("refused")),
                new ArcLlmTransportException("anthropic", new ConnectException("refused")),
                new ArcLlmTransportException("anthropic", new ConnectException("refused")),
                last);
        RetryModule module = new RetryModule(config, inner, time.scheduler(), JitterSource.random());

        Throwable error = time.awaitError(module.invoke(MESSAGES));

        assertThat(error).isSameAs(last).isExactlyInstanceOf(ArcLlmTransportException.class)
                .hasCauseInstanceOf(ConnectException.class);
        assertThat(inner.invocations()).isEqualTo(4);
    }
}
