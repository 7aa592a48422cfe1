package io.arcllm.autoconfigure;

import static io.arcllm.autoconfigure.ArcLlmAutoConfigurationTests.ANTHROPIC_KEY;
import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.Message;
import io.arcllm.module.Instrumentation;
import io.arcllm.telemetry.ArcLlmTelemetry;
import io.arcllm.telemetry.DefaultLlmObservationConvention;
import io.arcllm.telemetry.GenAiMeterFilter;
import io.arcllm.telemetry.LlmObservationContext;
import io.arcllm.telemetry.LlmObservationConvention;
import io.arcllm.telemetry.TelemetryModule;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * When telemetry is configured, where it sits in each provider bean's stack, and how the properties, the
 * application's registries, convention and instrumentation beans change it.
 */
class ArcLlmTelemetryAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ArcLlmAutoConfiguration.class, ArcLlmTelemetryAutoConfiguration.class))
            .withPropertyValues("ANTHROPIC_API_KEY=", "OPENAI_API_KEY=", "arcllm.providers.anthropic.api-key=" + ANTHROPIC_KEY);

    @Test
    void withoutAnObservationOrMeterRegistryThereIsNoTelemetry() {
        runner.withPropertyValues("arcllm.modules.retry.enabled=true").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(Instrumentation.class);
            assertThat(ModuleChain.names(context.getBean(LlmProvider.class))).containsExactly("RetryModule", "AnthropicAdapter");
        });
    }

    @Test
    void withAnObservationRegistryTelemetryIsOutermostAboveRequestDefaultsRetryAndFallback() {
        runner.withUserConfiguration(ObservationRegistryConfiguration.class)
                .withPropertyValues("arcllm.modules.retry.enabled=true", "arcllm.defaults.max-tokens=64",
                        "arcllm.providers.anthropic.modules.fallback.chain=openai", "arcllm.providers.openai.api-key=sk-o")
                .run(context -> {
                    assertThat(context).hasSingleBean(ArcLlmTelemetry.class);
                    assertThat(ModuleChain.names(context.getBean("anthropicLlmProvider", LlmProvider.class))).containsExactly(
                            "TelemetryModule", "RequestDefaultsModule", "RetryModule", "FallbackModule", "AnthropicAdapter");
                    assertThat(ModuleChain.names(context.getBean("openaiLlmProvider", LlmProvider.class)))
                            .containsExactly("TelemetryModule", "RequestDefaultsModule", "RetryModule", "OpenAiAdapter");
                    assertThat(context.getBean(ArcLlmTelemetry.class).observationRegistry())
                            .isSameAs(context.getBean(ObservationRegistry.class));
                });
    }

    @Test
    void aCallThroughTheBeanIsObservedInTheApplicationsRegistry() {
        runner.withUserConfiguration(ObservationRegistryConfiguration.class, ApplicationProviderConfiguration.class)
                .run(context -> {
                    LlmProvider mine = context.getBean("customProvider", LlmProvider.class);
                    assertThat(ModuleChain.names(mine)).containsExactly("TelemetryModule", "StubProvider");

                    mine.call(LlmRequest.of(List.of(Message.user("hi"))));

                    assertThat(context.getBean(TestObservationRegistry.class)).hasSingleObservationThat()
                            .hasNameEqualTo("gen_ai.client.operation")
                            .hasLowCardinalityKeyValue("gen_ai.provider.name", "custom")
                            .hasLowCardinalityKeyValue("gen_ai.request.model", "stub-model")
                            .hasBeenStopped();
                });
    }

    @Test
    void withOnlyAMeterRegistryCallsAreTimedUnderTheOpenTelemetryName() {
        runner.withUserConfiguration(MeterRegistryConfiguration.class, ApplicationProviderConfiguration.class).run(context -> {
            assertThat(context).hasSingleBean(ArcLlmTelemetry.class).hasSingleBean(GenAiMeterFilter.class);

            context.getBean("customProvider", LlmProvider.class).call(LlmRequest.of(List.of(Message.user("hi"))));

            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.get("gen_ai.client.operation.duration").tag("gen_ai.provider.name", "custom").timer().count())
                    .isEqualTo(1);
            assertThat(meters.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "input").summary().totalAmount())
                    .isEqualTo(1);
        });
    }

    @ParameterizedTest(name = "global telemetry {0}, override {1} -> observed {2}")
    @CsvSource({
            "true,  absent,   true",
            "true,  false,    false",
            "true,  true,     true",
            "true,  settings, true",
            "false, absent,   false",
            "false, false,    false",
            "false, true,     true",
            "false, settings, true"})
    void telemetryFollowsTheFourLevelRule(boolean globalEnabled, String override, boolean observed) {
        List<String> properties = new ArrayList<>(List.of("arcllm.modules.telemetry.enabled=" + globalEnabled));
        switch (override) {
            case "false" -> properties.add("arcllm.providers.anthropic.modules.telemetry.enabled=false");
            case "true" -> properties.add("arcllm.providers.anthropic.modules.telemetry.enabled=true");
            case "settings" -> properties.add("arcllm.providers.anthropic.modules.telemetry.include-content=true");
            default -> { }
        }
        runner.withUserConfiguration(ObservationRegistryConfiguration.class)
                .withPropertyValues(properties.toArray(String[]::new)).run(context -> {
                    Optional<TelemetryModule> telemetry =
                            ModuleChain.find(context.getBean("anthropicLlmProvider", LlmProvider.class), TelemetryModule.class);
                    assertThat(telemetry.isPresent()).as("observed").isEqualTo(observed);
                    telemetry.ifPresent(module ->
                            assertThat(module.config().includeContent()).isEqualTo(override.equals("settings")));
                });
    }

    @Test
    void includeContentIsOffByDefaultAndSetGlobally() {
        runner.withUserConfiguration(ObservationRegistryConfiguration.class).run(context ->
                assertThat(ModuleChain.find(context.getBean(LlmProvider.class), TelemetryModule.class).orElseThrow()
                        .config().includeContent()).isFalse());
        runner.withUserConfiguration(ObservationRegistryConfiguration.class)
                .withPropertyValues("arcllm.modules.telemetry.include-content=true").run(context ->
                        assertThat(ModuleChain.find(context.getBean(LlmProvider.class), TelemetryModule.class).orElseThrow()
                                .config().includeContent()).isTrue());
    }

    @Test
    void anApplicationConventionNamesTheObservations() {
        runner.withUserConfiguration(ObservationRegistryConfiguration.class, ApplicationProviderConfiguration.class,
                ConventionConfiguration.class).run(context -> {
            context.getBean("customProvider", LlmProvider.class).call(LlmRequest.of(List.of(Message.user("hi"))));

            assertThat(context.getBean(TestObservationRegistry.class)).hasSingleObservationThat()
                    .hasLowCardinalityKeyValue("team", "agents");
        });
    }

    @Test
    void anApplicationInstrumentationReplacesOurs() {
        runner.withUserConfiguration(ObservationRegistryConfiguration.class, InstrumentationConfiguration.class).run(context -> {
            assertThat(context).hasSingleBean(Instrumentation.class).doesNotHaveBean(ArcLlmTelemetry.class);
            assertThat(ModuleChain.names(context.getBean(LlmProvider.class))).containsExactly("Marked", "AnthropicAdapter");
        });
    }

    @Test
    void withoutMicrometerCoreObservationsAreStillMadeButNoMeterFilterIsDeclared() {
        runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .withUserConfiguration(ObservationRegistryConfiguration.class).run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(ArcLlmTelemetry.class).doesNotHaveBean(GenAiMeterFilter.class);
                    assertThat(ModuleChain.names(context.getBean(LlmProvider.class))).containsExactly("TelemetryModule", "AnthropicAdapter");
                });
    }

    @Test
    void theTelemetryAndHealthPropertiesAreDocumentedWithTheirDefaults() throws Exception {
        JsonNode metadata;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
            metadata = JsonMapper.builder().build().readTree(in);
        }
        Map<String, JsonNode> properties = new java.util.HashMap<>();
        metadata.get("properties").forEach(property -> properties.put(property.get("name").asString(), property));

        assertThat(properties.get("arcllm.modules.telemetry.enabled").get("defaultValue").asBoolean()).isTrue();
        assertThat(properties.get("arcllm.modules.telemetry.include-content").get("defaultValue").asBoolean()).isFalse();
        assertThat(properties.get("arcllm.modules.telemetry.include-content").get("description").asString())
                .contains("gen_ai.input.messages");
        assertThat(properties.get("management.health.arcllm.enabled").get("defaultValue").asBoolean()).isTrue();
    }

    @Configuration(proxyBeanMethods = false)
    static class ObservationRegistryConfiguration {
        @Bean
        TestObservationRegistry observationRegistry() {
            return TestObservationRegistry.create();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class MeterRegistryConfiguration {
        @Bean
        SimpleMeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ApplicationProviderConfiguration {
        @Bean
        LlmProvider customProvider() {
            return new StubProvider("custom");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ConventionConfiguration {
        @Bean
        LlmObservationConvention teamConvention() {
            return new DefaultLlmObservationConvention() {
                @Override
                public KeyValues getLowCardinalityKeyValues(LlmObservationContext context) {
                    return super.getLowCardinalityKeyValues(context).and("team", "agents");
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class InstrumentationConfiguration {
        @Bean
        Instrumentation markingInstrumentation() {
            return (provider, config, catalog, listener) -> new Marked(provider);
        }
    }

    static final class Marked extends io.arcllm.module.BaseModule {
        Marked(LlmProvider inner) {
            super(inner);
        }
    }
}
