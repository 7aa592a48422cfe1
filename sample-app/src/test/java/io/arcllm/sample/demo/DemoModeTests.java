package io.arcllm.sample.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.util.Map;

import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.ProviderRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockEnvironment;
import reactor.core.publisher.Mono;

/** When demo mode applies, what it configures, and that its simulators live exactly as long as the context. */
class DemoModeTests {

    @Test
    void appliesWhenTheDefaultProviderHasNoKeyAndNoBaseUrl() {
        assertThat(DemoMode.reason(new MockEnvironment()))
                .hasValueSatisfying(reason -> assertThat(reason).contains("'anthropic'").contains("ANTHROPIC_API_KEY")
                        .contains("arcllm.providers.anthropic.api-key"));
    }

    @Test
    void demoModeListensOnLoopbackAndOnlyThereShowsHealthDetailsAndPrometheus() {
        assertThat(DemoMode.actuatorOnLoopback(new MockEnvironment())).containsEntry("server.address", "127.0.0.1")
                .containsEntry("management.endpoint.health.show-details", "always")
                .containsEntry("management.endpoints.web.exposure.include", "health, metrics, prometheus");
        assertThat(DemoMode.actuatorOnLoopback(new MockEnvironment().withProperty("server.address", "127.0.0.1")))
                .doesNotContainKey("server.address").containsEntry("management.endpoint.health.show-details", "always");
        assertThat(DemoMode.actuatorOnLoopback(new MockEnvironment().withProperty("server.address", "0.0.0.0"))).isEmpty();
        assertThat(DemoMode.actuatorOnLoopback(new MockEnvironment().withProperty("server.address", "10.0.0.5"))).isEmpty();
    }

    @Test
    void isOffWhenTheKeyEnvironmentVariableIsSet() {
        assertThat(DemoMode.reason(new MockEnvironment().withProperty("ANTHROPIC_API_KEY", "sk-ant-real"))).isEmpty();
    }

    @Test
    void isOnWhenTheKeyEnvironmentVariableIsBlank() {
        assertThat(DemoMode.reason(new MockEnvironment().withProperty("ANTHROPIC_API_KEY", " "))).isPresent();
    }

    @Test
    void isOffWhenTheKeyPropertyIsSet() {
        assertThat(DemoMode.reason(new MockEnvironment()
                .withProperty("arcllm.providers.anthropic.api-key", "sk-ant-real"))).isEmpty();
    }

    @Test
    void isOffWhenABaseUrlIsGivenExplicitly() {
        assertThat(DemoMode.reason(new MockEnvironment()
                .withProperty("arcllm.providers.anthropic.base-url", "http://127.0.0.1:9999"))).isEmpty();
    }

    @Test
    void followsTheConfiguredDefaultProviderAndItsKeyVariable() {
        MockEnvironment openaiDefault = new MockEnvironment().withProperty("arcllm.defaults.provider", "openai");
        assertThat(DemoMode.reason(openaiDefault)).hasValueSatisfying(reason -> assertThat(reason).contains("OPENAI_API_KEY"));
        assertThat(DemoMode.reason(openaiDefault.withProperty("OPENAI_API_KEY", "sk-real"))).isEmpty();
        assertThat(DemoMode.reason(new MockEnvironment().withProperty("arcllm.providers.anthropic.api-key-env", "MY_KEY")
                .withProperty("MY_KEY", "sk-ant-real"))).isEmpty();
    }

    @Test
    void isOffForADefaultProviderThatIsNotBuiltIn() {
        assertThat(DemoMode.reason(new MockEnvironment().withProperty("arcllm.defaults.provider", "local"))).isEmpty();
    }

    @Test
    void pointsBothProvidersAtTheSimulatorsWithRetryAndFallbackAfterRetries() {
        StandardEnvironment environment = new StandardEnvironment();
        try (DemoSimulators simulators = DemoSimulators.start()) {
            DemoMode.addPropertySource(environment, simulators);

            assertThat(environment.getProperty("arcllm.providers.anthropic.base-url"))
                    .isEqualTo(simulators.anthropic().baseUrl().toString());
            assertThat(environment.getProperty("arcllm.providers.openai.base-url"))
                    .isEqualTo(simulators.openai().baseUrl().toString());
            assertThat(environment.getProperty("arcllm.providers.anthropic.api-key")).isEqualTo("demo-key");
            assertThat(environment.getProperty("arcllm.providers.openai.api-key")).isEqualTo("demo-key");
            assertThat(environment.getProperty("arcllm.modules.retry.enabled")).isEqualTo("true");
            assertThat(environment.getProperty("arcllm.modules.retry.backoff-base")).isEqualTo("200ms");
            assertThat(environment.getProperty("arcllm.modules.fallback.enabled")).isEqualTo("true");
            assertThat(environment.getProperty("arcllm.providers.groq.base-url"))
                    .isEqualTo(simulators.groq().baseUrl().toString());
            assertThat(environment.getProperty("arcllm.providers.groq.api-key")).isEqualTo("demo-key");
            assertThat(environment.getProperty("arcllm.modules.fallback.chain")).isEqualTo("openai,groq");
            assertThat(environment.getProperty("arcllm.modules.fallback.after-retries")).isEqualTo("true");
        }
    }

    @Test
    void commandLineOverridesBeatDemoSettingsWhichBeatApplicationYml() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("commandLineArgs",
                Map.of("arcllm.modules.retry.backoff-base", "50ms")));
        environment.getPropertySources().addLast(new MapPropertySource("Config resource 'application.yml'",
                Map.of("arcllm.modules.retry.backoff-base", "1s", "arcllm.modules.retry.max-retries", "3")));
        try (DemoSimulators simulators = DemoSimulators.start()) {
            DemoMode.addPropertySource(environment, simulators);

            assertThat(environment.getProperty("arcllm.modules.retry.backoff-base")).isEqualTo("50ms");
            assertThat(environment.getProperty("arcllm.modules.retry.max-retries")).isEqualTo("2");
        }
    }

    @Test
    void initializerRegistersTheSimulatorsAndTheyStopWhenTheContextCloses() throws Exception {
        URI anthropic;
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            context.setEnvironment(new StandardEnvironment() {
                @Override
                public String getProperty(String key) {
                    // Whatever this machine's environment holds, no key here.
                    return key.endsWith("_API_KEY") ? null : super.getProperty(key);
                }
            });
            new DemoModeInitializer().initialize(context);
            context.registerBean(LlmProvider.class, () -> new LlmProvider() {
                @Override
                public String name() {
                    return "anthropic";
                }

                @Override
                public String modelName() {
                    return "claude-sonnet-4-20250514";
                }

                @Override
                public Mono<LlmResponse> invoke(LlmRequest request) {
                    return Mono.empty();
                }
            });
            context.registerBean(ProviderRegistry.class, () -> ProviderRegistry.builder().env(name -> null).build());
            context.refresh();

            DemoSimulators simulators = context.getBean(DemoModeInitializer.SIMULATORS_BEAN, DemoSimulators.class);
            anthropic = simulators.anthropic().baseUrl();
            assertThat(context.getEnvironment().getProperty("arcllm.providers.anthropic.base-url"))
                    .isEqualTo(anthropic.toString());
            assertThat(context.getBeanNamesForType(DemoScript.class)).hasSize(1);
            new Socket(anthropic.getHost(), anthropic.getPort()).close();
        }
        assertThatThrownBy(() -> new Socket(anthropic.getHost(), anthropic.getPort()).close())
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void initializerDoesNothingWhenAKeyIsConfigured() {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            MockEnvironment environment = new MockEnvironment().withProperty("arcllm.providers.anthropic.api-key", "sk-ant-real");
            context.setEnvironment(environment);

            new DemoModeInitializer().initialize(context);

            assertThat(context.getBeanDefinitionNames()).doesNotContain(DemoModeInitializer.SIMULATORS_BEAN);
            assertThat(environment.getPropertySources().contains(DemoMode.PROPERTY_SOURCE)).isFalse();
        }
    }
}
