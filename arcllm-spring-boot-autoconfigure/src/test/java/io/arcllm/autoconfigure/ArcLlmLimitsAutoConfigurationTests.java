package io.arcllm.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcllm.ArcLlmConfigException;
import io.arcllm.RequestLimits;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code arcllm.limits.*} become the {@link RequestLimits} bean. */
class ArcLlmLimitsAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ArcLlmLimitsAutoConfiguration.class));

    @Test
    void withoutPropertiesTheCoreDefaultsApply() {
        runner.run(context -> assertThat(context.getBean(RequestLimits.class)).isEqualTo(RequestLimits.defaults()));
    }

    @Test
    void everyPropertyIsBound() {
        runner.withPropertyValues("arcllm.limits.max-messages=100", "arcllm.limits.max-tools=5", "arcllm.limits.max-request-size=2MB")
                .run(context -> assertThat(context.getBean(RequestLimits.class))
                        .isEqualTo(new RequestLimits(100, 5, 2L * 1024 * 1024)));
    }

    @Test
    void anOutOfRangeLimitFailsTheStartupNamingTheProperty() {
        runner.withPropertyValues("arcllm.limits.max-messages=0").run(context -> assertThat(context).hasFailed()
                .getFailure().hasRootCauseInstanceOf(ArcLlmConfigException.class)
                .hasMessageContaining("arcllm.limits.max-messages must be >= 1, was 0"));
    }

    @Test
    void aUserBeanReplacesOurs() {
        runner.withUserConfiguration(OwnLimits.class)
                .run(context -> assertThat(context.getBean(RequestLimits.class).maxTools()).isEqualTo(1));
    }

    @Test
    void theDocumentedDefaultsAreTheCoreConstants() {
        ArcLlmLimitsProperties properties = new ArcLlmLimitsProperties();
        assertThat(properties.getMaxMessages()).isEqualTo(RequestLimits.DEFAULT_MAX_MESSAGES);
        assertThat(properties.getMaxTools()).isEqualTo(RequestLimits.DEFAULT_MAX_TOOLS);
        assertThat(properties.getMaxRequestSize().toBytes()).isEqualTo(RequestLimits.DEFAULT_MAX_REQUEST_BYTES);
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnLimits {
        @Bean
        RequestLimits ownLimits() {
            return RequestLimits.defaults().withMaxTools(1);
        }
    }
}
