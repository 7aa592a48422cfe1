package io.arcllm.telemetry;

import static io.arcllm.module.FakeProvider.apiError;
import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.arcllm.ArcLlmApiException;
import io.arcllm.ArcLlmTimeoutException;
import io.arcllm.LlmProvider;
import io.arcllm.LlmResponse;
import io.arcllm.Message;
import io.arcllm.ProviderRegistry;
import io.arcllm.StopReason;
import io.arcllm.Usage;
import io.arcllm.config.ModuleDefaults;
import io.arcllm.module.FakeAdapters;
import io.arcllm.module.ModuleListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * Telemetry over whole stacks: one observation per logical call however many retries and fallbacks it took,
 * the retry and fallback counters, the cost of a fallback's answer at the fallback's prices, and
 * {@link ArcLlmTelemetry#of(MeterRegistry)} for applications without Spring.
 */
class ArcLlmTelemetryTests {

    private static final List<Message> QUESTION = List.of(Message.user("What is 2 + 2?"));
    private static final LlmResponse FROM_OPENAI = new LlmResponse("four", new Usage(1000, 100), "gpt-4o-2024-08-06",
            StopReason.END_TURN);

    private final TelemetryFixture fixture = new TelemetryFixture();

    @Test
    void aCallRetriedAndAnsweredByAFallbackIsOneObservationPricedAtTheFallbacksPrices() {
        fixture.adapters.script("anthropic", apiError(529), apiError(529))
                .script("openai", new ArcLlmTimeoutException("openai", "read", Duration.ofSeconds(60), null), FROM_OPENAI);
        LlmProvider model = fixture.registry().modules(ModuleDefaults.builder().retryEnabled(true)
                .fallbackEnabled(true).fallback(f -> f.chain("openai")).build()).build().load("anthropic");

        StepVerifier.create(model.invoke(QUESTION))
                .then(() -> fixture.time.advanceTimeBy(Duration.ofSeconds(1)))
                .expectNext(FROM_OPENAI)
                .verifyComplete();

        assertThat(fixture.observations).hasSingleObservationThat()
                .hasLowCardinalityKeyValue("gen_ai.provider.name", "anthropic")
                .hasLowCardinalityKeyValue("gen_ai.request.model", "claude-sonnet-4-20250514")
                .hasLowCardinalityKeyValue("gen_ai.response.model", "gpt-4o-2024-08-06")
                .hasLowCardinalityKeyValue("error.type", "none")
                .hasHighCardinalityKeyValue("arcllm.retries", "1")
                .hasHighCardinalityKeyValue("arcllm.fallback.provider", "openai");
        MeterRegistry meters = fixture.meters;
        assertThat(meters.get("arcllm.retry.attempts").tags("provider", "anthropic", "reason", "529").counter().count())
                .isEqualTo(1);
        assertThat(meters.get("arcllm.fallback.invocations").tags("from", "anthropic", "to", "openai", "outcome", "failure")
                .counter().count()).isEqualTo(1);
        assertThat(meters.get("arcllm.fallback.invocations").tags("from", "anthropic", "to", "openai", "outcome", "success")
                .counter().count()).isEqualTo(1);
        // gpt-4o-2024-08-06 is a snapshot of gpt-4o: $2.50 input, $10 output per 1M tokens.
        assertThat(meters.get("arcllm.usage.cost").tag("gen_ai.response.model", "gpt-4o-2024-08-06").counter().count())
                .isCloseTo((1000 * 2.50 + 100 * 10.00) / 1_000_000, within(1e-12));
        assertThat(fixture.listener.calls()).singleElement()
                .satisfies(call -> assertThat(call.answeredBy()).isEqualTo("openai"));
    }

    @Test
    void aFinalFailureAfterRetriesIsOneFailedObservationAndRetriesNeverMultiply() {
        fixture.adapters.script("anthropic", apiError(503), apiError(503), apiError(503))
                .script("openai", apiError(502), apiError(502), apiError(502));
        LlmProvider model = fixture.registry().modules(ModuleDefaults.builder().retryEnabled(true).retry(r -> r.maxRetries(2))
                .fallbackEnabled(true).fallback(f -> f.chain("openai").afterRetries(true)).build()).build().load("anthropic");

        StepVerifier.create(model.invoke(QUESTION))
                .then(() -> fixture.time.advanceTimeBy(Duration.ofMinutes(1)))
                .verifyErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(ArcLlmApiException.class,
                        api -> assertThat(api.statusCode()).isEqualTo(503)));

        assertThat(fixture.adapters.invocations("anthropic")).isEqualTo(3);
        assertThat(fixture.adapters.invocations("openai")).isEqualTo(3);
        assertThat(fixture.observations).hasSingleObservationThat()
                .hasLowCardinalityKeyValue("error.type", "503")
                .hasHighCardinalityKeyValue("arcllm.retries", "4");
        assertThat(fixture.meters.get("arcllm.retry.attempts").tags("provider", "anthropic", "reason", "503").counter().count())
                .isEqualTo(2);
        assertThat(fixture.meters.get("arcllm.retry.attempts").tags("provider", "openai", "reason", "502").counter().count())
                .isEqualTo(2);
        assertThat(fixture.meters.get("arcllm.fallback.invocations").tag("outcome", "failure").counter().count()).isEqualTo(1);
        assertThat(fixture.meters.find("arcllm.usage.cost").counters()).isEmpty();
        assertThat(fixture.listener.calls()).singleElement().satisfies(call -> {
            assertThat(call.succeeded()).isFalse();
            assertThat(call.answeredBy()).isNull();
        });
    }

    @Test
    void ofAMeterRegistryAloneTimesCallsUnderTheOpenTelemetryNameWithItsBuckets() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        FakeAdapters adapters = new FakeAdapters().script("openai", FROM_OPENAI);
        ProviderRegistry registry = ProviderRegistry.builder().adapterFactory(adapters)
                .telemetry(ArcLlmTelemetry.of(meters)).build();

        registry.load("openai").invoke(QUESTION).block();

        Timer timer = meters.get("gen_ai.client.operation.duration").tags("gen_ai.provider.name", "openai",
                "gen_ai.request.model", "gpt-4o", "error.type", "none").timer();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.takeSnapshot().histogramCounts()).extracting(CountAtBucket::bucket)
                .as("the conventions' boundaries, 0.01 s to 81.92 s")
                .startsWith(Duration.ofMillis(10).toNanos() * 1.0, Duration.ofMillis(20).toNanos() * 1.0)
                .endsWith(Duration.ofMillis(81_920).toNanos() * 1.0)
                .hasSize(14);
        assertThat(meters.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "output").summary().totalAmount())
                .isEqualTo(100);
    }

    @Test
    void theMeterFilterRenamesOnlyTheChatTimerAndApplyingItTwiceChangesNothingMore() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        meters.config().meterFilter(new GenAiMeterFilter()).meterFilter(new GenAiMeterFilter());

        meters.timer("gen_ai.client.operation").record(Duration.ofSeconds(1));
        meters.more().longTaskTimer("gen_ai.client.operation.active").start().stop();
        meters.timer("http.client.requests").record(Duration.ofSeconds(1));

        assertThat(meters.get("gen_ai.client.operation.duration").timer().count()).isEqualTo(1);
        assertThat(meters.get("gen_ai.client.operation.active").longTaskTimer()).as("in-flight calls: untouched").isNotNull();
        assertThat(meters.get("http.client.requests").timer().takeSnapshot().histogramCounts()).isEmpty();
    }

    @Test
    void concurrentCallsAreEachObservedOnceAndEveryRetryAndTokenIsCounted() {
        int calls = 500;
        Set<String> failedOnce = ConcurrentHashMap.newKeySet();
        // Even-numbered questions fail once with a 529, then answer; odd ones answer at once.
        FakeAdapters adapters = new FakeAdapters().answer("anthropic", request -> {
            String text = request.messages().get(0).text();
            boolean even = Integer.parseInt(text.substring(1)) % 2 == 0;
            return even && failedOnce.add(text) ? Mono.error(apiError(529)) : Mono.just(FROM_OPENAI);
        });
        LlmProvider model = ProviderRegistry.builder().adapterFactory(adapters).telemetry(fixture.telemetry)
                // Half of a 500-call burst failing at once is what the default retry budget throttles; this test counts retries.
                .modules(ModuleDefaults.builder().retryEnabled(true).retry(r -> r.backoffBase(Duration.ofMillis(1)).budgetRatio(1)).build())
                .build().load("anthropic");

        List<LlmResponse> answers = Flux.range(0, calls)
                .flatMap(i -> model.invoke(List.of(Message.user("q" + i))).subscribeOn(Schedulers.parallel()), 256)
                .collectList().block(Duration.ofSeconds(30));

        assertThat(answers).hasSize(calls);
        assertThat(fixture.meters.get("gen_ai.client.operation.duration").timer().count()).isEqualTo(calls);
        assertThat(fixture.meters.get("arcllm.retry.attempts").counter().count()).isEqualTo(calls / 2);
        assertThat(fixture.meters.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "output").summary().totalAmount())
                .isEqualTo(100.0 * calls);
        assertThat(fixture.observations).hasNumberOfObservationsWithNameEqualTo("gen_ai.client.operation", calls);
        assertThat(fixture.observations).hasHandledContextsThatSatisfy(contexts -> assertThat(contexts)
                .extracting(context -> ((LlmObservationContext) context).retries())
                .containsOnly(0, 1).filteredOn(retries -> retries == 1).hasSize(calls / 2));
    }

    @Test
    void retryAndFallbackEventsOutsideAnObservedCallAreStillCounted() {
        ModuleListener events = fixture.telemetry.listener();
        events.onRetry(new ModuleListener.RetryEvent("openai", 1, "transport", Duration.ofSeconds(1),
                new IllegalStateException(), reactor.util.context.Context.empty()));

        assertThat(fixture.meters.get("arcllm.retry.attempts").tags("provider", "openai", "reason", "transport").counter()
                .count()).isEqualTo(1);
    }
}
