package io.arcllm.faults;

import static io.arcllm.faults.FaultStack.ANTHROPIC_KEY;
import static io.arcllm.faults.FaultStack.OPENAI_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import ch.qos.logback.classic.Level;
import io.arcllm.ArcLlmException;
import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.Message;
import io.arcllm.ProviderRegistry;
import io.arcllm.config.ModuleDefaults;
import io.arcllm.config.ProviderCatalog;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * 5,000 calls, 500 in flight, through the real adapters and both stacking orders against two local servers
 * that fail 20% of attempts (rate limits, 5xx, resets, hang-ups, bad requests, broken JSON; seeded, so every run
 * is the same). Every call must end exactly as a model of the stack predicts from the same script, with exactly
 * the predicted attempts per provider (never more than {@code maxRetries + 1}); afterwards no connection is open
 * and no thread was left behind.
 */
class ConcurrencySoakTests {

    private static final int CALLS = 5_000;
    private static final int IN_FLIGHT = 500;
    private static final int WARM_UP_CALLS = 300;
    private static final int MAX_RETRIES = 2;
    private static final long SEED = 20_250_101L;
    /** Threads that may appear on top of those the warm-up started (a JVM or JUnit housekeeping thread). */
    private static final int THREAD_TOLERANCE = 3;

    @RegisterExtension
    final SecretsAudit secrets = new SecretsAudit(Level.INFO, ANTHROPIC_KEY, OPENAI_KEY);

    @ParameterizedTest(name = "afterRetries={0}")
    @ValueSource(booleans = {false, true})
    void everyCallEndsAsPredictedWithinTheRetryBoundAndNothingLeaks(boolean afterRetries) {
        SoakPlan plan = new SoakPlan(SEED);
        try (RawHttpServer anthropic = RawHttpServer.start().answerWith(plan.handler("anthropic"));
             RawHttpServer openai = RawHttpServer.start().answerWith(plan.handler("openai"))) {
            ProviderRegistry registry = registry(anthropic, openai, afterRetries);
            LlmProvider model = registry.load("anthropic");
            run(model, CALLS, WARM_UP_CALLS); // loads Netty, fills the pool, starts the schedulers: not leaks
            List<String> threadsBefore = liveThreads();

            long start = System.nanoTime();
            List<Object> outcomes = run(model, 0, CALLS);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            model.close();
            registry.close();
            ConnectionCounter.awaitZero(openai::openConnections, Duration.ofSeconds(5),
                    "connections to the fallback after the registry closed");
            ConnectionCounter.awaitZero(anthropic::openConnections, Duration.ofSeconds(5),
                    "connections to the primary after the registry closed");

            assertThat(took).as("5,000 calls at 500 in flight").isLessThan(Duration.ofSeconds(45));
            assertEveryCallAsPredicted(plan, outcomes, afterRetries);
            assertThat((double) plan.faultsServed() / plan.attemptsServed()).as("share of attempts that were faults")
                    .isBetween(0.17, 0.23);
            assertThat(anthropic.peakOpenConnections()).as("connections open at once: bounded by the calls in flight")
                    .isLessThanOrEqualTo(IN_FLIGHT + IN_FLIGHT / 10);
            assertThat(liveThreads()).as("threads after the soak, beside those before: %s", threadsBefore)
                    .hasSizeLessThanOrEqualTo(threadsBefore.size() + THREAD_TOLERANCE);
        }
    }

    private static void assertEveryCallAsPredicted(SoakPlan plan, List<Object> outcomes, boolean afterRetries) {
        assertThat(outcomes).hasSize(CALLS)
                .allSatisfy(outcome -> assertThat(outcome).isInstanceOfAny(LlmResponse.class, ArcLlmException.class));
        List<String> mismatches = new ArrayList<>();
        for (int call = 0; call < CALLS; call++) {
            SoakPlan.Expected expected = plan.expect(call, afterRetries, MAX_RETRIES);
            Object outcome = outcomes.get(call);
            int primary = plan.received("anthropic", call);
            int fallback = plan.received("openai", call);
            if (!expected.matches(outcome, call) || primary != expected.primaryAttempts()
                    || fallback != expected.fallbackAttempts()) {
                mismatches.add("call-" + call + ": expected " + expected + ", got " + describe(outcome)
                        + " after " + primary + " + " + fallback + " attempts");
            }
        }
        assertThat(mismatches).as("calls that did not end as the model predicts").isEmpty();
        // The retry invariant on its own: reached (retries happen) and never exceeded, for both providers.
        for (String provider : List.of("anthropic", "openai")) {
            assertThat(IntStream.range(0, CALLS).map(call -> plan.received(provider, call)).max().orElseThrow())
                    .as("most attempts %s got in one call", provider).isEqualTo(MAX_RETRIES + 1);
        }
        long answeredByFallback = IntStream.range(0, CALLS)
                .filter(call -> outcomes.get(call) instanceof LlmResponse r && r.content().startsWith("openai")).count();
        long failed = outcomes.stream().filter(ArcLlmException.class::isInstance).count();
        assertThat(answeredByFallback).as("calls the fallback answered").isPositive();
        assertThat(failed).as("calls that failed with a typed error").isPositive();
    }

    private static String describe(Object outcome) {
        return outcome instanceof LlmResponse response ? "response '" + response.content() + "'" : String.valueOf(outcome);
    }

    private static ProviderRegistry registry(RawHttpServer anthropic, RawHttpServer openai, boolean afterRetries) {
        ProviderCatalog builtIn = ProviderCatalog.builtIn();
        return ProviderRegistry.builder()
                .catalog(builtIn
                        .with(builtIn.find("anthropic").orElseThrow().toBuilder().baseUrl(anthropic.baseUrl())
                                .readTimeout(Duration.ofSeconds(20)).build())
                        .with(builtIn.find("openai").orElseThrow().toBuilder().baseUrl(openai.baseUrl())
                                .readTimeout(Duration.ofSeconds(20)).build()))
                .modules(ModuleDefaults.builder()
                        .retryEnabled(true)
                        // Real waits of 1-5 ms: the calls really overlap, and the soak stays fast.
                        .retry(r -> r.maxRetries(MAX_RETRIES).backoffBase(Duration.ofMillis(1)).maxWait(Duration.ofMillis(5)))
                        .fallbackEnabled(true)
                        .fallback(f -> f.chain("openai").afterRetries(afterRetries))
                        .build())
                .env(FaultStack.ENV)
                .build();
    }

    /** Calls {@code count} calls from id {@code from}, {@value #IN_FLIGHT} at a time; outcomes in call order. */
    private static List<Object> run(LlmProvider model, int from, int count) {
        return Flux.range(from, count)
                .flatMapSequential(call -> model.invoke(request(call)).<Object>map(response -> response)
                        .onErrorResume(error -> Mono.just(error)), IN_FLIGHT)
                .collectList()
                .block(Duration.ofSeconds(90));
    }

    private static LlmRequest request(int call) {
        return LlmRequest.builder().message(Message.user("call-" + call)).maxTokens(16).build();
    }

    private static List<String> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> !name.startsWith(RawHttpServer.THREAD_PREFIX))
                .sorted()
                .toList();
    }
}
