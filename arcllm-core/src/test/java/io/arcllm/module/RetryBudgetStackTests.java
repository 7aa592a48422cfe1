package io.arcllm.module;

import io.arcllm.module.internal.FallbackModule;
import io.arcllm.module.internal.RetryBudget;
import io.arcllm.module.internal.RetryModule;
import static io.arcllm.module.FakeProvider.OK;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.arcllm.internal.SchedulerClock;
import io.arcllm.ArcLlmApiException;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.Message;
import io.arcllm.config.FallbackConfig;
import io.arcllm.config.RetryConfig;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** A retry module with the provider's retry budget: a spent budget means no retry, told to listeners. */
class RetryBudgetStackTests {

    private static final LlmRequest REQUEST = LlmRequest.of(List.of(Message.user("hi")));

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

    @Test
    void aSpentBudgetFailsTheCallWithItsOwnErrorAndTellsListeners() {
        RetryBudget budget = new RetryBudget("anthropic", 0.5, 0, new SchedulerClock(time));
        ArcLlmApiException overloaded = new ArcLlmApiException(529, "", "anthropic");
        FakeProvider inner = FakeProvider.answering("anthropic", request -> Mono.error(overloaded));
        RecordingRefusals listener = new RecordingRefusals();
        RetryModule retry = new RetryModule(RetryConfig.builder().maxRetries(1).build(), inner, time, JitterSource.none(),
                listener, budget);

        // Two calls earn one retry: the first call retries once, the second may not.
        StepVerifier.create(retry.invoke(REQUEST).onErrorResume(e -> Mono.empty()))
                .then(() -> time.advanceTimeBy(Duration.ofSeconds(1)))
                .expectComplete().verify(Duration.ofSeconds(5));
        assertThat(inner.invocations()).isEqualTo(2);

        StepVerifier.create(retry.invoke(REQUEST)).expectErrorSatisfies(e -> assertThat(e).isSameAs(overloaded))
                .verify(Duration.ofSeconds(5));
        assertThat(inner.invocations()).isEqualTo(3);
        assertThat(listener.refused).singleElement().satisfies(event -> {
            assertThat(event.provider()).isEqualTo("anthropic");
            assertThat(event.error()).isSameAs(overloaded);
        });
        assertThat(budget.refusals()).isEqualTo(1);
    }

    @Test
    void aRetryRefusedByTheBudgetGoesToTheFallbackWithoutWaiting() {
        RetryBudget budget = new RetryBudget("anthropic", 0, 0, new SchedulerClock(time));
        FakeProvider anthropic = FakeProvider.answering("anthropic", request -> Mono.error(new ArcLlmApiException(503, "", "anthropic")));
        FallbackModule fallback = new FallbackModule(FallbackConfig.builder().chain("openai").afterRetries(true).build(),
                new RetryModule(RetryConfig.defaults(), anthropic, time, JitterSource.none(), ModuleListener.NONE, budget),
                (id, excluded) -> FakeProvider.scripted(id, OK));

        LlmResponse response = fallback.invoke(REQUEST).block(Duration.ofSeconds(5));

        assertThat(response).isSameAs(OK);
        assertThat(anthropic.invocations()).isEqualTo(1);
    }

    @Test
    void eachCallCountsOneFirstAttemptHoweverOftenItIsRetried() {
        RetryBudget budget = new RetryBudget("anthropic", 1, 0, new SchedulerClock(time));
        FakeProvider inner = FakeProvider.scripted("anthropic", new ArcLlmApiException(503, "", "anthropic"), OK,
                new ArcLlmApiException(503, "", "anthropic"), new ArcLlmApiException(503, "", "anthropic"), OK);
        RetryModule retry = new RetryModule(RetryConfig.defaults(), inner, time, JitterSource.none(), ModuleListener.NONE,
                budget);

        StepVerifier.create(retry.invoke(REQUEST)).then(() -> time.advanceTimeBy(Duration.ofSeconds(1)))
                .expectNext(OK).expectComplete().verify(Duration.ofSeconds(5));
        // Ratio 1: two calls earn two retries in all; the first used one, so the second call gets one, not two.
        StepVerifier.create(retry.invoke(REQUEST)).then(() -> time.advanceTimeBy(Duration.ofSeconds(1)))
                .expectError(ArcLlmApiException.class).verify(Duration.ofSeconds(5));
        assertThat(inner.invocations()).isEqualTo(4);
    }

    private static final class RecordingRefusals implements ModuleListener {
        final List<RetryRefusedEvent> refused = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void onRetryRefused(RetryRefusedEvent event) {
            refused.add(event);
        }
    }
}
