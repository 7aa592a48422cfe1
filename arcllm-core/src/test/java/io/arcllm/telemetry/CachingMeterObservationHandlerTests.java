package io.arcllm.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.arcllm.ArcLlmApiException;
import io.arcllm.ArcLlmTransportException;
import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.Message;
import io.arcllm.ProviderRegistry;
import io.arcllm.StopReason;
import io.arcllm.Usage;
import io.arcllm.config.LoadOptions;
import io.arcllm.module.FakeAdapters;
import io.arcllm.module.JitterSource;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * {@link ArcLlmTelemetry#of} records through a handler that keeps its meters; the meters an application sees must be
 * exactly those of Micrometer's {@link DefaultMeterObservationHandler}: same names, tags, types and counts.
 */
class CachingMeterObservationHandlerTests {

    private static final String SONNET = "claude-sonnet-4-20250514";
    private static final LlmRequest REQUEST = LlmRequest.builder().messages(List.of(Message.user("2 + 2?"))).build();
    private static final LlmResponse ANSWER = new LlmResponse("4", new Usage(12, 3), SONNET, StopReason.END_TURN);

    @Test
    void theMetersAreThoseOfMicrometersDefaultHandler() {
        MeterRegistry cached = new SimpleMeterRegistry();
        MeterRegistry reference = new SimpleMeterRegistry();
        reference.config().meterFilter(new GenAiMeterFilter());
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(reference));

        run(ArcLlmTelemetry.of(cached));
        run(ArcLlmTelemetry.builder().observationRegistry(observations).meterRegistry(reference).build());

        Map<String, String> expected = describe(reference);
        assertThat(expected).as("the scenario records answers and errors")
                .containsKey("TIMER gen_ai.client.operation.duration [error=none, error.type=none, gen_ai.operation.name=chat, "
                        + "gen_ai.provider.name=anthropic, gen_ai.request.model=" + SONNET + ", gen_ai.response.model=" + SONNET + "]")
                .containsKey("LONG_TASK_TIMER gen_ai.client.operation.active [error.type=none, gen_ai.operation.name=chat, "
                        + "gen_ai.provider.name=anthropic, gen_ai.request.model=" + SONNET + ", gen_ai.response.model=none]");
        assertThat(describe(cached)).isEqualTo(expected);
    }

    @Test
    void aCallInFlightIsAnActiveTaskUntilItEnds() {
        MeterRegistry meters = new SimpleMeterRegistry();
        Sinks.One<LlmResponse> answer = Sinks.one();
        LlmProvider anthropic = registry(ArcLlmTelemetry.of(meters), new FakeAdapters()
                .answer("anthropic", request -> answer.asMono())).load("anthropic", null, LoadOptions.none());

        Disposable call = anthropic.invoke(REQUEST).subscribe();
        LongTaskTimer active = meters.get("gen_ai.client.operation.active").longTaskTimer();
        assertThat(active.activeTasks()).isEqualTo(1);
        answer.tryEmitValue(ANSWER);

        assertThat(active.activeTasks()).isZero();
        assertThat(meters.get("gen_ai.client.operation.duration").timer().count()).isEqualTo(1);
        call.dispose();
    }

    @Test
    void metersRemovedFromTheRegistryComeBackAtTheNextCall() {
        MeterRegistry meters = new SimpleMeterRegistry();
        LlmProvider anthropic = registry(ArcLlmTelemetry.of(meters), new FakeAdapters().script("anthropic", ANSWER, ANSWER))
                .load("anthropic", null, LoadOptions.none());
        anthropic.invoke(REQUEST).block();

        meters.clear();
        anthropic.invoke(REQUEST).block();

        assertThat(meters.get("gen_ai.client.operation.duration").timer().count()).isEqualTo(1);
        assertThat(meters.get("gen_ai.client.operation.active").longTaskTimer().activeTasks()).isZero();
        assertThat(meters.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "output").summary().totalAmount())
                .isEqualTo(3);
    }

    /** Three answers, an API error, a transport error and a cancelled call, through the registry's stack. */
    private static void run(ArcLlmTelemetry telemetry) {
        ArcLlmApiException overloaded = new ArcLlmApiException(400, "{}", "anthropic", null, null);
        ArcLlmTransportException reset = new ArcLlmTransportException("anthropic", new IOException("reset"));
        FakeAdapters adapters = new FakeAdapters().script("anthropic", ANSWER, ANSWER, overloaded, ANSWER, reset);
        LlmProvider anthropic = registry(telemetry, adapters).load("anthropic", null, LoadOptions.none());
        for (int i = 0; i < 5; i++) {
            catchThrowable(() -> anthropic.invoke(REQUEST).block());
        }
        adapters.answer("anthropic", request -> Mono.never());
        anthropic.invoke(REQUEST).subscribe().dispose();
    }

    private static ProviderRegistry registry(ArcLlmTelemetry telemetry, FakeAdapters adapters) {
        return ProviderRegistry.builder().adapterFactory(adapters).telemetry(telemetry)
                .scheduler(VirtualTimeScheduler.create()).jitter(JitterSource.none()).build();
    }

    /**
     * Each meter as "TYPE name [tags]" → its count (timers), active tasks (long task timers) or measurements; the
     * timers' bucket gauges by presence only (their counts depend on how long each call took).
     */
    private static Map<String, String> describe(MeterRegistry registry) {
        Map<String, String> meters = new TreeMap<>();
        for (Meter meter : registry.getMeters()) {
            Meter.Id id = meter.getId();
            String value = meter instanceof Timer timer ? "count=" + timer.count()
                    : meter instanceof LongTaskTimer task ? "active=" + task.activeTasks()
                    : id.getName().endsWith(".duration.histogram") ? "bucket"
                    : meter.measure().toString();
            meters.put(id.getType() + " " + id.getName() + " " + id.getTags().stream()
                    .map(tag -> tag.getKey() + "=" + tag.getValue()).toList(), value);
        }
        return meters;
    }
}
