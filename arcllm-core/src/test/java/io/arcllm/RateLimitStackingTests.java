package io.arcllm;

import static io.arcllm.module.FakeProvider.OK;
import static io.arcllm.module.FakeProvider.apiError;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.arcllm.config.LoadOptions;
import io.arcllm.config.ModuleDefaults;
import io.arcllm.config.RateLimitConfig;
import io.arcllm.module.BaseModule;
import io.arcllm.module.FakeAdapters;
import io.arcllm.module.JitterSource;
import io.arcllm.module.internal.RateLimitModule;
import io.arcllm.module.internal.RetryModule;
import io.arcllm.ratelimit.RateLimitBudget;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The rate-limit module in the registry's stacks: where it sits, what it shares, how retry treats its refusals. */
class RateLimitStackingTests {

    private static final List<Message> HI = List.of(Message.user("hi"));

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final AtomicInteger sent = new AtomicInteger();

    private ProviderRegistry registry(RateLimitConfig rateLimit, boolean retry) {
        FakeAdapters adapters = new FakeAdapters().answer("anthropic", request -> {
            sent.incrementAndGet();
            return Mono.just(OK);
        });
        return ProviderRegistry.builder().adapterFactory(adapters).scheduler(time).jitter(JitterSource.none())
                .modules(ModuleDefaults.builder().retryEnabled(retry)
                        .enabled(RateLimitConfig.KIND, true).settings(RateLimitConfig.KIND, rateLimit).build())
                .build();
    }

    private static RateLimitConfig limit(long requestsPerMinute, Duration maxWait) {
        return RateLimitConfig.DEFAULTS.withRequestsPerMinute(requestsPerMinute).withOutputTokensPerMinute(0L)
                .withMaxWait(maxWait);
    }

    @Test
    void sitsDirectlyAboveTheAdapterBelowRetry() {
        LlmProvider stack = registry(limit(10, Duration.ZERO), true).load("anthropic");

        assertThat(stack).isInstanceOf(RetryModule.class);
        assertThat(((BaseModule) stack).inner()).isInstanceOf(RateLimitModule.class);
    }

    @Test
    void everyStackOfAProviderSharesItsBudget() {
        ProviderRegistry registry = registry(limit(2, Duration.ZERO), false);
        LlmProvider first = registry.load("anthropic");
        LlmProvider second = registry.load("anthropic", null, LoadOptions.none());

        first.invoke(HI).block(Duration.ofSeconds(1));
        second.invoke(HI).block(Duration.ofSeconds(1));
        List<Throwable> refused = new ArrayList<>();
        first.invoke(HI).subscribe(null, refused::add);

        assertThat(sent).hasValue(2);
        assertThat(refused).singleElement().isInstanceOfSatisfying(ArcLlmRateLimitException.class,
                e -> assertThat(e.budget()).isEqualTo(RateLimitBudget.REQUESTS));
    }

    @Test
    void eachRetryTakesCapacityAgain() {
        FakeAdapters adapters = new FakeAdapters().script("anthropic", apiError(500), OK);
        ProviderRegistry registry = ProviderRegistry.builder().adapterFactory(adapters).scheduler(time).jitter(JitterSource.none())
                .modules(ModuleDefaults.builder().retryEnabled(true)
                        .enabled(RateLimitConfig.KIND, true).settings(RateLimitConfig.KIND, limit(10, Duration.ZERO)).build())
                .build();
        LlmProvider stack = registry.load("anthropic");
        List<Object> outcomes = new ArrayList<>();

        stack.invoke(HI).subscribe(outcomes::add, outcomes::add);
        time.advanceTimeBy(Duration.ofSeconds(2));

        assertThat(outcomes).containsExactly(OK);
        RateLimitModule module = (RateLimitModule) ((BaseModule) stack).inner();
        assertThat(module.limiter().remaining().block(Duration.ofSeconds(1))).containsEntry(RateLimitBudget.REQUESTS, 8L);
    }

    @Test
    void retryWaitsTheSuggestedWaitOfARefusalLikeA429() {
        LlmProvider stack = registry(limit(60, Duration.ZERO), true).load("anthropic");
        for (int i = 0; i < 60; i++) {
            stack.invoke(HI).subscribe();
        }
        List<Object> outcomes = new ArrayList<>();

        stack.invoke(HI).subscribe(outcomes::add, outcomes::add); // refused now; retried after the suggested 1 s
        time.advanceTimeBy(Duration.ofMillis(999));
        assertThat(sent).hasValue(60);
        time.advanceTimeBy(Duration.ofMillis(1));

        assertThat(sent).hasValue(61);
        assertThat(outcomes).containsExactly(OK);
    }
}
