package io.arcllm.walkthrough;

import static io.arcllm.module.FakeProvider.OK;
import static io.arcllm.module.FakeProvider.apiError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

import io.arcllm.ArcLlmApiException;
import io.arcllm.ArcLlmParseException;
import io.arcllm.ArcLlmTimeoutException;
import io.arcllm.ArcLlmTransportException;
import io.arcllm.Message;
import io.arcllm.config.RetryConfig;
import io.arcllm.module.FakeProvider;
import io.arcllm.module.JitterSource;
import io.arcllm.module.internal.RetryModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Walkthrough §2: what the retry module retries, and what it lets through at once. */
class Section02RetryTests {

    private static final List<Message> MESSAGES = List.of(Message.user("hi"));

    private final VirtualTime time = new VirtualTime();

    private RetryModule retry(FakeProvider inner) {
        RetryConfig config = RetryConfig.builder().backoffBase(Duration.ofMillis(10)).build();
        return new RetryModule(config, inner, time.scheduler(), JitterSource.random());
    }

    @Test
    void succeedsOnFirstTryWithoutRetrying() {
        FakeProvider inner = FakeProvider.scripted(OK);

        assertThat(time.await(retry(inner).invoke(MESSAGES))).isSameAs(OK);
        assertThat(inner.invocations()).isEqualTo(1);
    }

    @Test
    void retriesOn429ThenSucceeds() {
        FakeProvider inner = FakeProvider.scripted(apiError(429), OK);

        RetryConfig config = RetryConfig.builder().backoffBase(Duration.ofMillis(10)).build();

        // Default scheduler: Schedulers.parallel() looked up per call, virtual inside withVirtualTime.
        StepVerifier.withVirtualTime(() -> new RetryModule(config, inner).invoke(MESSAGES))
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(1))
                .expectNext(OK)
                .expectComplete()
                .verify(Duration.ofSeconds(5));
        assertThat(inner.invocations()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 500, 502, 503, 529})
    void retriesEveryTransientStatusThenSucceeds(int status) {
        FakeProvider inner = FakeProvider.scripted(apiError(status), OK);

        assertThat(time.await(retry(inner).invoke(MESSAGES)).content()).isEqualTo("Success!");
        assertThat(inner.invocations()).isEqualTo(2);
    }

    @Test
    void retriesConnectionErrorsThenSucceeds() {
        FakeProvider inner = FakeProvider.scripted(
                new ArcLlmTransportException("anthropic", new ConnectException("refused")), OK);

        assertThat(time.await(retry(inner).invoke(MESSAGES)).content()).isEqualTo("Success!");
        assertThat(inner.invocations()).isEqualTo(2);
    }

    @Test
    void retriesTimeoutsThenSucceeds() {
        FakeProvider inner = FakeProvider.scripted(new ArcLlmTimeoutException("anthropic", "read",
                Duration.ofSeconds(60), new TimeoutException("timed out")), OK);

        assertThat(time.await(retry(inner).invoke(MESSAGES)).content()).isEqualTo("Success!");
        assertThat(inner.invocations()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403})
    void doesNotRetryClientErrorsAndSignalsThemAtOnce(int status) {
        ArcLlmApiException error = apiError(status);
        FakeProvider inner = FakeProvider.scripted(error);

        assertThat(time.awaitError(retry(inner).invoke(MESSAGES))).isSameAs(error);
        assertThat(inner.invocations()).isEqualTo(1);
    }

    @Test
    void doesNotRetryProgrammingErrors() {
        IllegalArgumentException error = new IllegalArgumentException("bad value");
        FakeProvider inner = FakeProvider.scripted(error);

        assertThat(time.awaitError(retry(inner).invoke(MESSAGES))).isSameAs(error);
        assertThat(inner.invocations()).isEqualTo(1);
    }

    @Test
    void doesNotRetryUnparsableAnswers() {
        ArcLlmParseException error = new ArcLlmParseException("{not json", null);
        FakeProvider inner = FakeProvider.scripted(error);

        assertThat(time.awaitError(retry(inner).invoke(MESSAGES))).isSameAs(error);
        assertThat(inner.invocations()).isEqualTo(1);
    }

    @Test
    void neverRetriesAnError() {
        AssertionError error = new AssertionError("jvm trouble");
        FakeProvider inner = FakeProvider.answering("test-provider", request -> Mono.error(error));

        assertThat(time.awaitError(retry(inner).invoke(MESSAGES))).isSameAs(error);
        assertThat(inner.invocations()).isEqualTo(1);
    }
}
