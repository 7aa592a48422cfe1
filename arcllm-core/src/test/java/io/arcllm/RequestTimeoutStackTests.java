package io.arcllm;

import static io.arcllm.module.FakeProvider.OK;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.arcllm.config.ModuleDefaults;
import io.arcllm.config.ProviderCatalog;
import io.arcllm.config.RateLimitConfig;
import io.arcllm.module.FakeAdapters;
import io.arcllm.module.JitterSource;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * A request's own timeout bounds its call through registry-built stacks in which no timeout is configured: the
 * stacks keep their shape, the outermost of retry, fallback and rate limit starts the deadline, on the registry's
 * scheduler.
 */
class RequestTimeoutStackTests {

    private static final LlmRequest REQUEST = LlmRequest.builder().message(Message.user("hi"))
            .timeout(Duration.ofMillis(1500)).build();

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final FakeAdapters adapters = new FakeAdapters();

    private ProviderRegistry registry(ModuleDefaults modules) {
        return ProviderRegistry.builder().catalog(ProviderCatalog.builtIn()).modules(modules).adapterFactory(adapters)
                .env(name -> "key").scheduler(time).jitter(JitterSource.none()).build();
    }

    private static ModuleDefaults retryAndFallback(boolean afterRetries) {
        return ModuleDefaults.builder().retryEnabled(true)
                .fallbackEnabled(true).fallback(f -> f.chain("openai").afterRetries(afterRetries)).build();
    }

    private AtomicReference<Throwable> start(LlmProvider model, LlmRequest request) {
        AtomicReference<Throwable> error = new AtomicReference<>();
        model.invoke(request).subscribe(answer -> error.set(new AssertionError("answered")), error::set);
        return error;
    }

    private static void assertDeadline(Throwable error, Duration timeout) {
        assertThat(error).isInstanceOfSatisfying(ArcLlmTimeoutException.class, e -> {
            assertThat(e.isDeadline()).isTrue();
            assertThat(e.timeout()).isEqualTo(timeout);
        });
    }

    @Test
    void inTheDefaultOrderTheRequestsTimeoutEndsTheCallWhileTheFallbackAnswers() {
        adapters.answer("anthropic", request -> Mono.error(new ArcLlmApiException(503, "", "anthropic")))
                .answer("openai", request -> Mono.never());
        LlmProvider model = registry(retryAndFallback(false)).load("anthropic");
        assertThat(model.toString()).as("no module added for it").isEqualTo("RetryModule -> FallbackModule -> Adapter");

        AtomicReference<Throwable> error = start(model, REQUEST);
        time.advanceTimeBy(Duration.ofMillis(1499));
        assertThat(error.get()).isNull();
        time.advanceTimeBy(Duration.ofMillis(1));

        assertDeadline(error.get(), Duration.ofMillis(1500));
        assertThat(adapters.invocations("anthropic")).isEqualTo(1);
        assertThat(adapters.invocations("openai")).isEqualTo(1);
    }

    @Test
    void afterRetriesTheDeadlineSpansThePrimarysRetriesAndTheFallbacks() {
        adapters.answer("anthropic", request -> Mono.error(new ArcLlmApiException(503, "", "anthropic")))
                .answer("openai", request -> Mono.never());
        LlmProvider model = registry(retryAndFallback(true)).load("anthropic");
        assertThat(model.toString()).isEqualTo("FallbackModule -> RetryModule -> Adapter");
        LlmRequest request = REQUEST.toBuilder().timeout(Duration.ofSeconds(10)).build();

        // Primary attempts at 0, 1, 3 and 7 s (waits 1, 2, 4 s); then the fallback, which never answers.
        AtomicReference<Throwable> error = start(model, request);
        time.advanceTimeBy(Duration.ofMillis(9999));
        assertThat(error.get()).isNull();
        assertThat(adapters.invocations("anthropic")).isEqualTo(4);
        assertThat(adapters.invocations("openai")).isEqualTo(1);
        time.advanceTimeBy(Duration.ofMillis(1));

        assertDeadline(error.get(), Duration.ofSeconds(10));
    }

    @Test
    void retryAloneStopsRetryingWhenTheNextWaitWouldPassTheRequestsTimeout() {
        ArcLlmApiException overloaded = new ArcLlmApiException(529, "", "anthropic");
        adapters.answer("anthropic", request -> Mono.error(overloaded));
        LlmProvider model = registry(ModuleDefaults.builder().retryEnabled(true).build()).load("anthropic");
        LlmRequest request = REQUEST.toBuilder().timeout(Duration.ofMillis(2500)).build();

        AtomicReference<Throwable> error = start(model, request);
        time.advanceTimeBy(Duration.ofSeconds(1));

        // Attempts at 0 and 1 s; the next wait (2 s) would end at 3 s, past 2.5 s: the last error at once.
        assertThat(error.get()).isSameAs(overloaded);
        assertThat(adapters.invocations("anthropic")).isEqualTo(2);
    }

    @Test
    void withOnlyARateLimitTheWaitForAdmissionCountsAgainstTheRequestsTimeout() {
        adapters.answer("anthropic", request -> Mono.just(OK));
        RateLimitConfig onePerMinute = RateLimitConfig.DEFAULTS.withRequestsPerMinute(1L).withOutputTokensPerMinute(0L)
                .withMaxWait(Duration.ofSeconds(60));
        LlmProvider model = registry(ModuleDefaults.builder().enabled(RateLimitConfig.KIND, true)
                .settings(RateLimitConfig.KIND, onePerMinute).build()).load("anthropic");
        assertThat(model.toString()).isEqualTo("RateLimitModule -> Adapter");
        model.invoke(LlmRequest.of(List.of(Message.user("hi")))).block(Duration.ofSeconds(5));

        // The next admission is a minute away (max-wait 60 s would allow it); the request gives the call 1.5 s.
        AtomicReference<Throwable> error = start(model, REQUEST);
        time.advanceTimeBy(Duration.ofMillis(1499));
        assertThat(error.get()).isNull();
        time.advanceTimeBy(Duration.ofMillis(1));

        assertDeadline(error.get(), Duration.ofMillis(1500));
        assertThat(adapters.invocations("anthropic")).as("nothing sent for the second call").isEqualTo(1);
    }

    @Test
    void aCallWithoutTimeoutIsNotLimited() {
        adapters.answer("anthropic", request -> Mono.just(OK).delaySubscription(Duration.ofHours(2), time));
        LlmProvider model = registry(retryAndFallback(false)).load("anthropic");
        AtomicReference<LlmResponse> answer = new AtomicReference<>();

        model.invoke(LlmRequest.of(List.of(Message.user("hi")))).subscribe(answer::set);
        time.advanceTimeBy(Duration.ofHours(2));

        assertThat(answer.get()).isSameAs(OK);
    }
}
