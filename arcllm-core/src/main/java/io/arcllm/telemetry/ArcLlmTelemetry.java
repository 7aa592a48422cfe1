package io.arcllm.telemetry;

import java.util.Objects;

import io.arcllm.LlmProvider;
import io.arcllm.LlmResponse;
import io.arcllm.config.ProviderCatalog;
import io.arcllm.config.TelemetryConfig;
import io.arcllm.module.Instrumentation;
import io.arcllm.module.ModuleListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * ArcLLM's telemetry with Micrometer: give it to {@link io.arcllm.ProviderRegistry.Builder#telemetry} and every
 * provider stack gets a {@link TelemetryModule} outermost; its retry and fallback modules' events become the
 * counters {@value LlmObservationDocumentation#RETRY_METER} (tags {@code provider}, {@code reason}) and
 * {@value LlmObservationDocumentation#FALLBACK_METER} (tags {@code from}, {@code to}, {@code outcome}); circuit
 * breaker changes become {@value LlmObservationDocumentation#CIRCUIT_TRANSITION_METER} and the gauge
 * {@value LlmObservationDocumentation#CIRCUIT_STATE_METER}, retries refused by a spent budget
 * {@value LlmObservationDocumentation#RETRY_BUDGET_METER}.
 *
 * <pre>{@code
 * ProviderRegistry registry = ProviderRegistry.builder()
 *         .telemetry(ArcLlmTelemetry.of(meterRegistry))
 *         .build();
 * }</pre>
 *
 * Without a {@link MeterRegistry} only the observations are made (for tracing, say): no token, cost, retry or
 * fallback meters. Thread-safe.
 */
public final class ArcLlmTelemetry implements Instrumentation {

    private final ObservationRegistry observationRegistry;
    private final @Nullable UsageMeters meters;
    private final @Nullable LlmObservationConvention convention;
    private final ModuleListener events = new Events();

    private ArcLlmTelemetry(Builder builder) {
        this.meters = builder.meters;
        this.observationRegistry = builder.observationRegistry != null ? builder.observationRegistry
                : builder.meterRegistry != null ? UsageMeters.observationRegistryFor(builder.meterRegistry)
                : ObservationRegistry.NOOP;
        this.convention = builder.convention;
    }

    /**
     * Telemetry recording into {@code meterRegistry} only: observations become the timers Micrometer's
     * {@code DefaultMeterObservationHandler} makes (a handler that keeps them once registered records them), and a
     * {@link GenAiMeterFilter} is added to the registry so the timer is named
     * {@value LlmObservationDocumentation#DURATION_METER}.
     */
    public static ArcLlmTelemetry of(MeterRegistry meterRegistry) {
        return builder().meterRegistry(meterRegistry).build();
    }

    /** A builder: set an {@link ObservationRegistry}, a {@link MeterRegistry}, or both. */
    public static Builder builder() {
        return new Builder();
    }

    /** Wraps {@code provider} in a {@link TelemetryModule}. */
    @Override
    public LlmProvider instrument(LlmProvider provider, TelemetryConfig config, ProviderCatalog catalog,
                                  ModuleListener listener) {
        return new TelemetryModule(provider, this, config, catalog, listener);
    }

    /** Counts retries and fallbacks, and notes them on the observation of the call they belong to. */
    @Override
    public ModuleListener listener() {
        return events;
    }

    /** Where observations go. */
    public ObservationRegistry observationRegistry() {
        return observationRegistry;
    }

    /** The application's convention, or null for {@link DefaultLlmObservationConvention}. */
    @Nullable LlmObservationConvention convention() {
        return convention;
    }

    void recordUsage(LlmObservationContext context, LlmResponse response, ProviderCatalog catalog) {
        if (meters != null) {
            meters.recordUsage(context, response, catalog);
        }
    }

    void recordTimeToFirstChunk(LlmObservationContext context, java.time.Duration elapsed) {
        if (meters != null) {
            meters.recordTimeToFirstChunk(context, elapsed);
        }
    }

    private final class Events implements ModuleListener {

        @Override
        public void onRetry(RetryEvent event) {
            LlmObservationContext call = event.context().getOrDefault(LlmObservationContext.class, null);
            if (call != null) {
                call.retried();
            }
            if (meters != null) {
                meters.recordRetry(event);
            }
        }

        @Override
        public void onFallback(FallbackEvent event) {
            LlmObservationContext call = event.context().getOrDefault(LlmObservationContext.class, null);
            if (call != null && event.outcome() == Outcome.SUCCESS) {
                call.answeredByFallback(event.to());
            }
            if (meters != null) {
                meters.recordFallback(event);
            }
        }

        @Override
        public void onCircuitTransition(CircuitEvent event) {
            if (meters != null) {
                meters.recordCircuitTransition(event);
            }
        }

        @Override
        public void onRetryRefused(RetryRefusedEvent event) {
            if (meters != null) {
                meters.recordRetryRefused(event);
            }
        }
    }

    /** Builds {@link ArcLlmTelemetry}. Not thread-safe. */
    public static final class Builder {
        private @Nullable ObservationRegistry observationRegistry;
        private @Nullable MeterRegistry meterRegistry;
        private @Nullable UsageMeters meters;
        private @Nullable LlmObservationConvention convention;

        private Builder() {
        }

        /**
         * Where observations go (its handlers make timers, spans...). Default: a registry timing into the
         * {@link #meterRegistry} if one is set (adding a {@link GenAiMeterFilter} to it), else none.
         */
        public Builder observationRegistry(ObservationRegistry observationRegistry) {
            this.observationRegistry = Objects.requireNonNull(observationRegistry, "observationRegistry");
            return this;
        }

        /** Where token, cost, retry and fallback meters go; default none. */
        public Builder meterRegistry(MeterRegistry meterRegistry) {
            this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
            this.meters = new UsageMeters(meterRegistry);
            return this;
        }

        /** Names and tags the observations; default {@link DefaultLlmObservationConvention}. */
        public Builder convention(@Nullable LlmObservationConvention convention) {
            this.convention = convention;
            return this;
        }

        /** Builds the telemetry. */
        public ArcLlmTelemetry build() {
            return new ArcLlmTelemetry(this);
        }
    }
}
