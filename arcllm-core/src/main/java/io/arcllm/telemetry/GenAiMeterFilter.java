package io.arcllm.telemetry;

import java.time.Duration;
import java.util.Arrays;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Gives the chat observation's timer its OpenTelemetry name and buckets. Micrometer names an observation's
 * timer after the observation, {@value LlmObservationDocumentation#OBSERVATION_NAME}; the GenAI conventions
 * call the metric {@value LlmObservationDocumentation#DURATION_METER}. This filter renames it and gives it the
 * conventions' explicit bucket boundaries (0.01 s doubling to 81.92 s) unless the application configured
 * others. Other meters pass unchanged; applying it twice changes nothing more.
 *
 * <p>The Spring auto-configuration registers it as a {@code MeterFilter} bean; without Spring add it with
 * {@code meterRegistry.config().meterFilter(new GenAiMeterFilter())} before the first call
 * ({@link ArcLlmTelemetry#of(io.micrometer.core.instrument.MeterRegistry)} does).
 */
public final class GenAiMeterFilter implements MeterFilter {

    private static final double[] DURATION_BUCKETS_NANOS = Arrays.stream(new double[] {
            0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92})
            .map(seconds -> Duration.ofMillis(Math.round(seconds * 1000)).toNanos())
            .toArray();

    @Override
    public Meter.Id map(Meter.Id id) {
        if (id.getType() == Meter.Type.TIMER && LlmObservationDocumentation.OBSERVATION_NAME.equals(id.getName())) {
            return id.withName(LlmObservationDocumentation.DURATION_METER);
        }
        return id;
    }

    @Override
    public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (id.getType() == Meter.Type.TIMER && LlmObservationDocumentation.DURATION_METER.equals(id.getName())) {
            return config.merge(DistributionStatisticConfig.builder().serviceLevelObjectives(DURATION_BUCKETS_NANOS).build());
        }
        return config;
    }
}
