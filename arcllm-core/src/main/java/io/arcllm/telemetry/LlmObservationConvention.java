package io.arcllm.telemetry;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the {@link LlmObservationDocumentation#CHAT} observation. Implement it (or extend
 * {@link DefaultLlmObservationConvention}) to add or change key values; give it to
 * {@link ArcLlmTelemetry.Builder#convention}, or declare it as a bean with Spring.
 */
public interface LlmObservationConvention extends ObservationConvention<LlmObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof LlmObservationContext;
    }
}
