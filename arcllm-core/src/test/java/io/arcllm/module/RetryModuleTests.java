package io.arcllm.module;

import io.arcllm.module.internal.RetryModule;
import static io.arcllm.module.FakeProvider.OK;
import static io.arcllm.module.FakeProvider.apiError;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.arcllm.ArcLlmApiException;
import io.arcllm.LlmRequest;
import io.arcllm.Message;
import io.arcllm.config.RetryConfig;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** Retry behaviour beyond the walkthrough: cold re-invocation, cancellation, extreme settings. */
class RetryModuleTests {

    private static final LlmRequest REQUEST = LlmRequest.of(List.of(Message.user("hi")));

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

    @Test
    void eachAttemptCallsInvokeAnewRatherThanResubscribingTheFirstMono() {
        AtomicInteger subscriptionsOfFirstMono = new AtomicInteger();
        AtomicInteger invocations = new AtomicInteger();
        FakeProvider inner = FakeProvider.answering("p", request -> {
            if (invocations.incrementAndGet() == 1) {
                return Mono.<io.arcllm.LlmResponse>error(apiError(503))
                        .doOnSubscribe(s -> subscriptionsOfFirstMono.incrementAndGet());
            }
            return Mono.just(OK);
        });

        StepVerifier.create(new RetryModule(RetryConfig.defaults(), inner, time, JitterSource.none()).invoke(REQUEST))
                .then(() -> time.advanceTimeBy(Duration.ofSeconds(1)))
                .expectNext(OK)
                .verifyComplete();
        assertThat(inner.invocations()).isEqualTo(2);
        assertThat(subscriptionsOfFirstMono).hasValue(1);
    }

    @Test
    void invokeSendsNothingUntilSubscribed() {
        FakeProvider inner = FakeProvider.scripted(OK);

        new RetryModule(RetryConfig.defaults(), inner).invoke(REQUEST);

        assertThat(inner.invocations()).isZero();
    }

    @Test
    void cancellingDuringABackoffStopsFurtherAttempts() {
        FakeProvider inner = FakeProvider.scripted(apiError(429), OK);

        Disposable call = new RetryModule(RetryConfig.defaults(), inner, time, JitterSource.none()).invoke(REQUEST)
                .subscribe();
        call.dispose();
        time.advanceTimeBy(Duration.ofMinutes(5));

        assertThat(inner.invocations()).isEqualTo(1);
    }

    @Test
    void aZeroRetryAfterRetriesAtOnce() {
        ArcLlmApiException now = new ArcLlmApiException(429, "", "p", Duration.ZERO);
        RetryModule module = new RetryModule(RetryConfig.defaults(), FakeProvider.scripted(), time, JitterSource.none());

        assertThat(module.waitBefore(0, now)).isEqualTo(Duration.ZERO);
    }

    @Test
    void manyRetriesNeverOverflowTheBackoffPastMaxWait() {
        RetryConfig config = RetryConfig.builder().maxRetries(10_000).maxWait(Duration.ofSeconds(30)).build();
        RetryModule module = new RetryModule(config, FakeProvider.scripted(), time, JitterSource.random());

        assertThat(module.waitBefore(9_999, apiError(503))).isEqualTo(Duration.ofSeconds(30));
        assertThat(module.waitBefore(62, apiError(503))).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aSubSecondBaseIsHonouredExactly() {
        RetryConfig config = RetryConfig.builder().backoffBase(Duration.ofMillis(250)).build();
        RetryModule module = new RetryModule(config, FakeProvider.scripted(), time, JitterSource.none());

        assertThat(module.waitBefore(0, apiError(503))).isEqualTo(Duration.ofMillis(250));
        assertThat(module.waitBefore(3, apiError(503))).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void theRetryModuleDelegatesIdentityToTheProviderItWraps() {
        RetryModule module = new RetryModule(RetryConfig.defaults(), FakeProvider.scripted("anthropic"));

        assertThat(module.name()).isEqualTo("anthropic");
        assertThat(module.modelName()).isEqualTo("test-model");
        assertThat(module.config()).isEqualTo(RetryConfig.defaults());
    }
}
