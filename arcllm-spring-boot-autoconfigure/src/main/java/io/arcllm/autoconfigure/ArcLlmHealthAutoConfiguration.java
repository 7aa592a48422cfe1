package io.arcllm.autoconfigure;

import java.time.Clock;

import io.arcllm.LlmProvider;
import io.arcllm.ProviderRegistry;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The {@code arcllm} health indicator ({@link ArcLlmHealthIndicator}) when the application has Spring Boot's health
 * support (actuator), unless {@code management.health.arcllm.enabled=false}. Its {@link ProviderCallRecorder} is a
 * {@code ModuleListener} bean, which the auto-configured {@code ProviderRegistry} hands to every module it builds.
 */
@AutoConfiguration(after = ArcLlmAutoConfiguration.class)
@ConditionalOnClass({LlmProvider.class, HealthIndicator.class})
@ConditionalOnBean(ProviderRegistry.class)
@ConditionalOnEnabledHealthIndicator("arcllm")
public final class ArcLlmHealthAutoConfiguration {

    /** Remembers each provider's last outcome. */
    @Bean
    @ConditionalOnMissingBean
    ProviderCallRecorder arcLlmProviderCallRecorder() {
        return new ProviderCallRecorder(Clock.systemUTC());
    }

    /** The {@code arcllm} health contributor (the bean name minus {@code HealthIndicator}). */
    @Bean
    @ConditionalOnMissingBean(name = "arcllmHealthIndicator")
    ArcLlmHealthIndicator arcllmHealthIndicator(ProviderRegistry registry, ProviderCallRecorder recorder,
                                                ArcLlmProperties properties, Environment environment,
                                                ListableBeanFactory beans) {
        return new ArcLlmHealthIndicator(registry, recorder, properties.getDefaults().getProvider(),
                id -> properties.getProviders().containsKey(id) || beans.containsBean(LlmProviderBeanRegistrar.beanName(id)),
                environment::getProperty);
    }
}
