package io.arcllm.autoconfigure;

import io.arcllm.LlmProvider;
import io.arcllm.ProviderRegistry;
import io.arcllm.module.Instrumentation;
import io.arcllm.module.ModuleListener;
import io.arcllm.ratelimit.RateLimitObserver;
import io.arcllm.ratelimit.RateLimitStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configures ArcLLM from the {@code arcllm.*} properties ({@link ArcLlmProperties}):
 * <ul>
 *   <li>a {@link ProviderRegistry} that loads any configured provider id on demand (the fallback module's
 *       loader, and for applications choosing a provider at runtime). It uses Boot's
 *       {@code WebClient.Builder} (cloned, so the application's {@code WebClientCustomizer}s apply) and reads
 *       API-key variables through Spring's {@link Environment}, which includes the process environment;</li>
 *   <li>one {@link LlmProvider} bean per available provider id, named {@code <id>LlmProvider}: built-in
 *       {@code anthropic}/{@code openai} when an API key is available for them or their {@code base-url} is
 *       set, and every other id configured under {@code arcllm.providers}. The bean of
 *       {@code arcllm.defaults.provider} is {@code @Primary}. An application bean named {@code <id>LlmProvider}
 *       replaces ours for that id (and becomes the primary one if it is the default's); an application
 *       {@code @Primary} {@code LlmProvider} stays primary (see {@link LlmProviderBeanRegistrar});</li>
 *   <li>a post-processor wrapping every {@code LlmProvider} bean in its modules (see
 *       {@link LlmProviderModulesPostProcessor}).</li>
 * </ul>
 * The registry takes the application's {@link Instrumentation} bean, if there is one (the telemetry module,
 * see {@link ArcLlmTelemetryAutoConfiguration}), and every {@link ModuleListener} bean, in order (the health
 * indicator's, see {@link ArcLlmHealthAutoConfiguration}).
 * All configuration is validated when the registry is created, at startup; a failure is explained by
 * {@link ArcLlmConfigFailureAnalyzer}.
 */
@AutoConfiguration(afterName = "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration")
@ConditionalOnClass({WebClient.class, LlmProvider.class})
@EnableConfigurationProperties(ArcLlmProperties.class)
public final class ArcLlmAutoConfiguration {

    /**
     * The registry behind every provider bean, built from the properties. Never lazy, even with
     * {@code spring.main.lazy-initialization}, so invalid configuration always fails at startup.
     *
     * @throws io.arcllm.ArcLlmConfigException naming the property, when the configuration is invalid
     */
    @Bean
    @Lazy(false)
    @ConditionalOnMissingBean
    ProviderRegistry arcLlmProviderRegistry(ArcLlmProperties properties, Environment environment,
                                           ObjectProvider<WebClient.Builder> webClientBuilder,
                                           ObjectProvider<Instrumentation> instrumentation,
                                           ObjectProvider<ModuleListener> listeners,
                                           ObjectProvider<RateLimitStore> rateLimitStore,
                                           ObjectProvider<RateLimitObserver> rateLimitObserver) {
        ProviderRegistry.Builder builder = new ArcLlmPropertiesMapper(properties).registryBuilder()
                .webClientBuilder(webClientBuilder.getIfAvailable(WebClient::builder).clone())
                .env(environment::getProperty)
                .telemetry(instrumentation.getIfUnique())
                .rateLimitStore(rateLimitStore.getIfUnique())
                .rateLimitObserver(rateLimitObserver.getIfUnique(() -> RateLimitObserver.NONE));
        listeners.orderedStream().forEach(builder::listener);
        return builder.build();
    }

    /** Registers the {@code <id>LlmProvider} beans. */
    @Bean
    static LlmProviderBeanRegistrar arcLlmProviderBeanRegistrar(Environment environment) {
        return new LlmProviderBeanRegistrar(environment);
    }

    /** Wraps every {@code LlmProvider} bean in its modules. */
    @Bean
    static LlmProviderModulesPostProcessor arcLlmProviderModulesPostProcessor(ObjectProvider<ProviderRegistry> registry) {
        return new LlmProviderModulesPostProcessor(registry);
    }
}
