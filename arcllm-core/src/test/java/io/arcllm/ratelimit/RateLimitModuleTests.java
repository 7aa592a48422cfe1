package io.arcllm.ratelimit;

import io.arcllm.ratelimit.internal.RateLimiter;
import io.arcllm.ratelimit.internal.RateLimiters;
import io.arcllm.ratelimit.internal.TokenEstimate;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.arcllm.ArcLlmApiException;
import io.arcllm.ArcLlmRateLimitException;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.Message;
import io.arcllm.StopReason;
import io.arcllm.Usage;
import io.arcllm.config.RateLimitConfig;
import io.arcllm.module.FakeProvider;
import io.arcllm.module.internal.RateLimitModule;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The bucket arithmetic, waiting, refusal and reconciliation, all in virtual time. */
class RateLimitModuleTests {

    private static final LlmRequest HELLO = LlmRequest.builder().message(Message.user("hello")).maxTokens(100).build();
    private static final RateLimitConfig NO_LIMITS = new RateLimitConfig(0L, 0L, 0L, 0, Duration.ofSeconds(10),
            null, null, null, null);

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final RateLimiters limiters = new RateLimiters(null, time, RateLimitObserver.NONE);
    private final List<Long> sentAtMillis = Collections.synchronizedList(new ArrayList<>());

    private RateLimitModule module(RateLimitConfig config, Function<LlmRequest, Mono<LlmResponse>> answer) {
        FakeProvider provider = FakeProvider.answering("anthropic", request -> {
            sentAtMillis.add(time.now(TimeUnit.MILLISECONDS));
            return answer.apply(request);
        });
        return new RateLimitModule(provider, limiters.forProvider("anthropic", "test-model", config), 1000);
    }

    private static Mono<LlmResponse> ok(int input, int output) {
        return Mono.just(new LlmResponse("ok", new Usage(input, output), "test-model", StopReason.END_TURN));
    }

    private List<Object> fire(RateLimitModule module, int calls) {
        List<Object> outcomes = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < calls; i++) {
            module.invoke(HELLO).subscribe(outcomes::add, outcomes::add);
        }
        return outcomes;
    }

    @Test
    void callsBeyondTheRequestBudgetWaitForTheRefillInArrivalOrder() {
        RateLimitModule module = module(NO_LIMITS.withRequestsPerMinute(60L), request -> ok(1, 1));

        List<Object> outcomes = fire(module, 63);
        assertThat(sentAtMillis).hasSize(60).containsOnly(0L);

        time.advanceTimeBy(Duration.ofSeconds(3));
        assertThat(sentAtMillis).hasSize(63).endsWith(1000L, 2000L, 3000L);
        assertThat(outcomes).hasSize(63).allMatch(LlmResponse.class::isInstance);
    }

    @Test
    void zeroMaxWaitRefusesAtOnceNamingTheBudgetAndTheWait() {
        RateLimitModule module = module(NO_LIMITS.withRequestsPerMinute(2L).withMaxWait(Duration.ZERO), request -> ok(1, 1));

        fire(module, 2);
        StepVerifier.create(module.invoke(HELLO))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(ArcLlmRateLimitException.class)
                            .hasMessageContaining("anthropic").hasMessageContaining("requests per minute");
                    ArcLlmRateLimitException refused = (ArcLlmRateLimitException) error;
                    assertThat(refused.provider()).isEqualTo("anthropic");
                    assertThat(refused.budget()).isEqualTo(RateLimitBudget.REQUESTS);
                    assertThat(refused.suggestedWait()).isEqualTo(Duration.ofSeconds(30));
                })
                .verify(Duration.ofSeconds(1));
        assertThat(sentAtMillis).hasSize(2);
    }

    @Test
    void aCallThatWouldWaitBeyondMaxWaitIsRefusedAndGivesItsPlaceBack() {
        RateLimitModule module = module(NO_LIMITS.withRequestsPerMinute(60L).withMaxWait(Duration.ofMillis(1500)),
                request -> ok(1, 1));

        List<Object> outcomes = fire(module, 63); // 60 now, one at 1 s, refused (would be 2 s), refused (3 s)
        assertThat(outcomes).filteredOn(ArcLlmRateLimitException.class::isInstance).hasSize(2);

        time.advanceTimeBy(Duration.ofSeconds(1));
        assertThat(sentAtMillis).hasSize(61);
        fire(module, 1); // the refused calls' requests came back: this one is due at 2 s, not 4 s
        time.advanceTimeBy(Duration.ofSeconds(1));
        assertThat(sentAtMillis).hasSize(62).endsWith(2000L);
    }

    @Test
    void outputTokensAreReservedAsMaxTokensThenReconciledWithReportedUsage() {
        RateLimiter limiter = limiters.forProvider("anthropic", "m", NO_LIMITS.withOutputTokensPerMinute(1000L));
        FakeProvider provider = FakeProvider.scripted("anthropic",
                new LlmResponse("short", new Usage(1, 30), "m", StopReason.END_TURN),
                new LlmResponse("long", new Usage(1, 450), "m", StopReason.MAX_TOKENS));
        RateLimitModule module = new RateLimitModule(provider, limiter, 1000);
        LlmRequest request = HELLO.toBuilder().maxTokens(400).build();

        StepVerifier.create(module.invoke(request)).expectNextCount(1).verifyComplete();
        assertThat(remaining(limiter)).containsEntry(RateLimitBudget.OUTPUT_TOKENS, 970L); // 400 reserved, 370 refunded

        StepVerifier.create(module.invoke(request)).expectNextCount(1).verifyComplete();
        assertThat(remaining(limiter)).containsEntry(RateLimitBudget.OUTPUT_TOKENS, 520L); // 400 reserved, 50 more charged
    }

    @Test
    void withoutMaxTokensTheModelsDefaultIsReservedCappedAtTheBudget() {
        RateLimiter limiter = limiters.forProvider("anthropic", "m", NO_LIMITS.withOutputTokensPerMinute(5000L));
        RateLimitModule module = new RateLimitModule(FakeProvider.answering("anthropic",
                request -> Mono.<LlmResponse>never()), limiter, 8192);

        Disposable call = module.invoke(LlmRequest.of(List.of(Message.user("hi")))).subscribe();
        assertThat(remaining(limiter)).containsEntry(RateLimitBudget.OUTPUT_TOKENS, 0L);
        call.dispose();
    }

    @Test
    void inputTokensAreReservedFromTheCharacterEstimateAndReconciled() {
        RateLimiter limiter = limiters.forProvider("anthropic", "m", NO_LIMITS.withInputTokensPerMinute(10_000L));
        LlmRequest request = LlmRequest.builder().message(Message.user("x".repeat(4000))).build();
        assertThat(TokenEstimate.inputTokens(request)).isEqualTo(1000 + TokenEstimate.TOKENS_PER_MESSAGE);
        RateLimitModule module = new RateLimitModule(FakeProvider.answering("anthropic",
                r -> Mono.<LlmResponse>never()), limiter, 100);

        Disposable inFlight = module.invoke(request).subscribe();
        assertThat(remaining(limiter)).containsEntry(RateLimitBudget.INPUT_TOKENS, 10_000L - 1004);
        inFlight.dispose(); // cancelled: the provider may have read it, the reservation stands
        assertThat(remaining(limiter)).containsEntry(RateLimitBudget.INPUT_TOKENS, 10_000L - 1004);

        RateLimitModule answered = new RateLimitModule(FakeProvider.scripted("anthropic",
                new LlmResponse("ok", new Usage(1200, 5), "m", StopReason.END_TURN)), limiter, 100);
        StepVerifier.create(answered.invoke(request)).expectNextCount(1).verifyComplete();
        assertThat(remaining(limiter)).containsEntry(RateLimitBudget.INPUT_TOKENS, 10_000L - 1004 - 1200);
    }

    @Test
    void anErrorAnswerRefundsTheTokensButTheRequestStillCounts() {
        RateLimiter limiter = limiters.forProvider("anthropic", "m",
                NO_LIMITS.withRequestsPerMinute(10L).withOutputTokensPerMinute(1000L));
        RateLimitModule module = new RateLimitModule(FakeProvider.scripted("anthropic", FakeProvider.apiError(500)),
                limiter, 100);

        StepVerifier.create(module.invoke(HELLO)).expectError(ArcLlmApiException.class).verify(Duration.ofSeconds(1));
        assertThat(remaining(limiter)).containsEntry(RateLimitBudget.REQUESTS, 9L)
                .containsEntry(RateLimitBudget.OUTPUT_TOKENS, 1000L);
    }

    @Test
    void a429WithRetryAfterPausesAdmissionForTheProvider() {
        ArcLlmApiException tooMany = new ArcLlmApiException(429, "slow down", "anthropic", Duration.ofSeconds(5));
        List<Object> script = new ArrayList<>(List.of(tooMany));
        RateLimitModule module = module(NO_LIMITS.withRequestsPerMinute(100L), request ->
                script.isEmpty() ? ok(1, 1) : Mono.error((Throwable) script.remove(0)));

        StepVerifier.create(module.invoke(HELLO)).expectError(ArcLlmApiException.class).verify(Duration.ofSeconds(1));
        List<Object> outcomes = fire(module, 2);
        time.advanceTimeBy(Duration.ofMillis(4999));
        assertThat(sentAtMillis).hasSize(1);
        time.advanceTimeBy(Duration.ofMillis(1));
        assertThat(sentAtMillis).hasSize(3).endsWith(5000L, 5000L);
        assertThat(outcomes).hasSize(2).allMatch(LlmResponse.class::isInstance);
    }

    @Test
    void aPauseLongerThanMaxWaitRefusesWithTheRetryAfterBudget() {
        ArcLlmApiException tooMany = new ArcLlmApiException(429, "slow down", "anthropic", Duration.ofSeconds(30));
        RateLimitModule module = module(NO_LIMITS.withRequestsPerMinute(100L), request -> Mono.error(tooMany));

        StepVerifier.create(module.invoke(HELLO)).expectError(ArcLlmApiException.class).verify(Duration.ofSeconds(1));
        time.advanceTimeBy(Duration.ofSeconds(10));
        StepVerifier.create(module.invoke(HELLO))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(ArcLlmRateLimitException.class,
                        refused -> {
                            assertThat(refused.budget()).isEqualTo(RateLimitBudget.RETRY_AFTER);
                            assertThat(refused.suggestedWait()).isEqualTo(Duration.ofSeconds(20));
                        }))
                .verify(Duration.ofSeconds(1));
        assertThat(sentAtMillis).hasSize(1);
    }

    @Test
    void maxConcurrentHoldsCallsUntilOneInFlightEnds() {
        RateLimitModule module = module(NO_LIMITS.withMaxConcurrent(2),
                request -> ok(1, 1).delayElement(Duration.ofSeconds(1), time));

        List<Object> outcomes = fire(module, 5);
        assertThat(sentAtMillis).containsExactly(0L, 0L);
        time.advanceTimeBy(Duration.ofSeconds(1));
        assertThat(sentAtMillis).containsExactly(0L, 0L, 1000L, 1000L);
        time.advanceTimeBy(Duration.ofSeconds(2));
        assertThat(sentAtMillis).containsExactly(0L, 0L, 1000L, 1000L, 2000L);
        assertThat(outcomes).hasSize(5).allMatch(LlmResponse.class::isInstance);
    }

    @Test
    void aCallWaitingForAPlaceInFlightIsRefusedAfterMaxWait() {
        RateLimitModule module = module(NO_LIMITS.withMaxConcurrent(1).withMaxWait(Duration.ofSeconds(2)),
                request -> Mono.never());

        List<Object> outcomes = fire(module, 2);
        time.advanceTimeBy(Duration.ofMillis(1999));
        assertThat(outcomes).isEmpty();
        time.advanceTimeBy(Duration.ofMillis(1));
        assertThat(outcomes).singleElement().isInstanceOfSatisfying(ArcLlmRateLimitException.class,
                refused -> assertThat(refused.budget()).isEqualTo(RateLimitBudget.CONCURRENT));
        assertThat(sentAtMillis).hasSize(1);
    }

    @Test
    void aCancelledWaiterGivesItsReservationBack() {
        RateLimitModule module = module(NO_LIMITS.withRequestsPerMinute(60L), request -> ok(1, 1));
        fire(module, 60);

        Disposable impatient = module.invoke(HELLO).subscribe(); // due at 1 s
        impatient.dispose();
        fire(module, 1);
        time.advanceTimeBy(Duration.ofSeconds(1));
        assertThat(sentAtMillis).hasSize(61).endsWith(1000L); // not at 2 s: the cancelled one's request came back
    }

    @Test
    void everyStackOfAProviderSharesOneLimiter() {
        RateLimitConfig config = NO_LIMITS.withRequestsPerMinute(2L).withMaxWait(Duration.ZERO);
        RateLimiter first = limiters.forProvider("anthropic", "a", config);
        RateLimiter second = limiters.forProvider("anthropic", "b", config);
        RateLimiter perModel = limiters.forProvider("openai", "b", config.withPerModel(true));

        assertThat(second).isSameAs(first);
        assertThat(limiters.all()).containsOnlyKeys("anthropic", "openai:b");
        assertThat(perModel).isNotSameAs(first);
    }

    private static Map<RateLimitBudget, Long> remaining(RateLimiter limiter) {
        return limiter.remaining().block(Duration.ofSeconds(1));
    }
}
