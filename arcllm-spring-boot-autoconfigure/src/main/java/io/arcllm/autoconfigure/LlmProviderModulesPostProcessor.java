package io.arcllm.autoconfigure;

import io.arcllm.LlmProvider;
import io.arcllm.ProviderRegistry;
import io.arcllm.module.BaseModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Wraps every {@link LlmProvider} bean — ours and the application's — in the modules resolved for its
 * {@link LlmProvider#name()} ({@link ProviderRegistry#wrap(LlmProvider)}): retry and fallback, then
 * a {@link io.arcllm.module.internal.RequestDefaultsModule} when {@code arcllm.defaults} sets request options, then (outermost) telemetry
 * when the application has Micrometer: {@code Telemetry(RequestDefaults(Retry(Fallback(adapter))))}. A bean that
 * already is a module ({@link BaseModule}) is left alone: the application wrapped it itself. The registry is
 * looked up lazily, on the first provider bean.
 *
 * <p>A wrapped bean is a module, no longer the application's own class: inject it as {@code LlmProvider}.
 */
final class LlmProviderModulesPostProcessor implements BeanPostProcessor {

    private static final Logger log = LoggerFactory.getLogger(LlmProviderModulesPostProcessor.class);

    private final ObjectProvider<ProviderRegistry> registry;

    LlmProviderModulesPostProcessor(ObjectProvider<ProviderRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof LlmProvider provider) || bean instanceof BaseModule) {
            return bean;
        }
        LlmProvider wrapped = registry.getObject().wrap(provider);
        if (wrapped != provider) {
            log.debug("LlmProvider bean '{}' ({}) wrapped: {}", beanName, provider.name(), wrapped);
        }
        return wrapped;
    }
}
