package io.arcllm.autoconfigure;

import io.arcllm.LlmProvider;
import io.arcllm.module.Instrumentation;
import io.arcllm.telemetry.ArcLlmTelemetry;
import io.arcllm.telemetry.GenAiMeterFilter;
import io.arcllm.telemetry.LlmObservationConvention;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * ArcLLM telemetry when the application has Micrometer: an {@link ArcLlmTelemetry} bean (the
 * {@link Instrumentation} the {@code ProviderRegistry} stacks outermost) over the application's
 * {@link ObservationRegistry} and {@link MeterRegistry}, whichever it has, and a {@link GenAiMeterFilter} bean so
 * Boot names the call timer {@code gen_ai.client.operation.duration}. An application {@link LlmObservationConvention}
 * bean replaces the default names and tags; an application {@link Instrumentation} bean replaces ours.
 *
 * <p>Which providers are observed follows {@code arcllm.modules.telemetry.enabled} (default true) and each
 * provider's {@code arcllm.providers.<id>.modules.telemetry} override, the 4-level rule of every module.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass({LlmProvider.class, ArcLlmTelemetry.class, ObservationRegistry.class})
@Conditional(ArcLlmTelemetryAutoConfiguration.OnObservationOrMeterRegistry.class)
public final class ArcLlmTelemetryAutoConfiguration {

    /** With micrometer-core: observations, and meters for tokens, cost, retries and fallbacks. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class WithMeters {

        @Bean
        @ConditionalOnMissingBean(Instrumentation.class)
        ArcLlmTelemetry arcLlmTelemetry(ObjectProvider<ObservationRegistry> observations, ObjectProvider<MeterRegistry> meters,
                                        ObjectProvider<LlmObservationConvention> convention) {
            ArcLlmTelemetry.Builder telemetry = ArcLlmTelemetry.builder().convention(convention.getIfUnique());
            observations.ifUnique(telemetry::observationRegistry);
            meters.ifUnique(telemetry::meterRegistry);
            return telemetry.build();
        }

        @Bean
        @ConditionalOnMissingBean
        GenAiMeterFilter arcLlmGenAiMeterFilter() {
            return new GenAiMeterFilter();
        }
    }

    /** Without micrometer-core: observations only (for tracing). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("io.micrometer.core.instrument.MeterRegistry")
    static class ObservationsOnly {

        @Bean
        @ConditionalOnMissingBean(Instrumentation.class)
        ArcLlmTelemetry arcLlmTelemetry(ObjectProvider<ObservationRegistry> observations,
                                        ObjectProvider<LlmObservationConvention> convention) {
            ArcLlmTelemetry.Builder telemetry = ArcLlmTelemetry.builder().convention(convention.getIfUnique());
            observations.ifUnique(telemetry::observationRegistry);
            return telemetry.build();
        }
    }

    /** The application has an {@code ObservationRegistry} or a {@code MeterRegistry} bean. */
    static final class OnObservationOrMeterRegistry extends AnyNestedCondition {

        OnObservationOrMeterRegistry() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnBean(ObservationRegistry.class)
        static final class ObservationRegistryBean {
        }

        @ConditionalOnBean(type = "io.micrometer.core.instrument.MeterRegistry")
        static final class MeterRegistryBean {
        }
    }
}
