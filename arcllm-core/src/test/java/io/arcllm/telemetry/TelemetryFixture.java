package io.arcllm.telemetry;

import io.arcllm.ProviderRegistry;
import io.arcllm.module.FakeAdapters;
import io.arcllm.module.JitterSource;
import io.arcllm.module.RecordingListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * What a Spring Boot application with actuator has, without Spring: a test observation registry whose
 * observations become timers in a {@link SimpleMeterRegistry} (through Micrometer's default handler and the
 * {@link GenAiMeterFilter}), ArcLLM's telemetry over both, and a registry of fake adapters in virtual time.
 */
final class TelemetryFixture {

    final TestObservationRegistry observations = TestObservationRegistry.create();
    final MeterRegistry meters = new SimpleMeterRegistry();
    final RecordingListener listener = new RecordingListener();
    final FakeAdapters adapters = new FakeAdapters();
    final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    final ArcLlmTelemetry telemetry;

    TelemetryFixture() {
        meters.config().meterFilter(new GenAiMeterFilter());
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        telemetry = ArcLlmTelemetry.builder().observationRegistry(observations).meterRegistry(meters).build();
    }

    /** A registry with this telemetry and listener, retry waits in virtual time without jitter. */
    ProviderRegistry.Builder registry() {
        return ProviderRegistry.builder().adapterFactory(adapters).telemetry(telemetry).listener(listener)
                .scheduler(time).jitter(JitterSource.none());
    }
}
