package io.arcllm.autoconfigure;

import io.arcllm.RequestLimits;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The {@link RequestLimits} bean from {@code arcllm.limits.*} ({@link ArcLlmLimitsProperties}), for
 * gateways and controllers to {@link RequestLimits#check check} requests before sending them. A value
 * out of range fails the startup with an {@link io.arcllm.ArcLlmConfigException} naming the property.
 */
@AutoConfiguration
@ConditionalOnClass(RequestLimits.class)
@EnableConfigurationProperties(ArcLlmLimitsProperties.class)
public final class ArcLlmLimitsAutoConfiguration {

    /** The configured limits. */
    @Bean
    @ConditionalOnMissingBean
    RequestLimits arcLlmRequestLimits(ArcLlmLimitsProperties properties) {
        return ConfigErrors.qualified("arcllm.limits", () -> new RequestLimits(properties.getMaxMessages(),
                properties.getMaxTools(), properties.getMaxRequestSize().toBytes()));
    }
}
