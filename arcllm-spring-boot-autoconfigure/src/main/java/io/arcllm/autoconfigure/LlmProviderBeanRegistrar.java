package io.arcllm.autoconfigure;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.arcllm.ArcLlmConfigException;
import io.arcllm.LlmProvider;
import io.arcllm.ProviderRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.env.Environment;

/**
 * Registers one {@link LlmProvider} bean per available provider id, named {@code <id>LlmProvider} (see
 * {@link ProviderBeanIds#beanIds}). It runs before any bean exists, so it reads only the few keys that name the
 * beans ({@link ProviderBeanIds}); each bean's instance supplier then takes the bare adapter from the
 * {@link ProviderRegistry} bean, built from the {@link ArcLlmProperties} bean (the one binding of
 * {@code arcllm.*}); {@link LlmProviderModulesPostProcessor} wraps it in its modules.
 *
 * <p>Backing off and {@code @Primary}:
 * <ul>
 *   <li>an application bean named {@code <id>LlmProvider} replaces ours for that id;</li>
 *   <li>the bean of {@code arcllm.defaults.provider} is {@code @Primary} — ours, or the application's bean of
 *       that name — unless the application already marks an {@code LlmProvider} bean {@code @Primary};</li>
 *   <li>when the application defines no {@code LlmProvider} bean at all, the default provider's bean is
 *       registered even without an API key, so startup fails telling how to supply one; unless
 *       {@code arcllm.defaults.provider} is left unset and {@code arcllm.providers} configures another provider
 *       that gets a bean (e.g. only {@code arcllm.providers.ollama.base-url} is set): then that one is used.</li>
 * </ul>
 */
final class LlmProviderBeanRegistrar implements BeanDefinitionRegistryPostProcessor, BeanFactoryAware {

    private static final Logger log = LoggerFactory.getLogger(LlmProviderBeanRegistrar.class);


    private final Environment environment;
    private BeanFactory beanFactory;

    LlmProviderBeanRegistrar(Environment environment) {
        this.environment = environment;
    }

    /** The bean name of a provider id: {@code anthropic} → {@code anthropicLlmProvider}. */
    static String beanName(String providerId) {
        return providerId + "LlmProvider";
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        ProviderBeanIds providers = ProviderBeanIds.read(environment);
        String defaultId = providers.defaultProvider();
        List<String> applicationProviders = applicationProviders(registry);
        boolean applicationChosePrimary = applicationProviders.stream()
                .anyMatch(name -> registry.getBeanDefinition(name).isPrimary());
        Set<String> ids = new LinkedHashSet<>(providers.beanIds(environment::getProperty));
        if (applicationProviders.isEmpty() && defaultId != null && !ids.contains(defaultId)) {
            if (environment.containsProperty("arcllm.defaults.provider")
                    || ids.stream().noneMatch(providers.configured()::contains)) {
                ids.add(defaultId);
            } else {
                log.info("No LlmProvider bean for '{}', the default of arcllm.defaults.provider: it has no API key, and "
                        + "arcllm.providers configures {}", defaultId, ids);
            }
        }
        for (String id : ids) {
            String name = beanName(id);
            if (registry.isBeanNameInUse(name)) {
                log.debug("Not registering LlmProvider '{}': the application defines a bean of that name", name);
                continue;
            }
            boolean isDefault = id.equals(defaultId);
            RootBeanDefinition definition = new RootBeanDefinition(LlmProvider.class, () -> create(id, isDefault));
            definition.setDestroyMethodName("close");
            definition.setPrimary(isDefault && !applicationChosePrimary);
            registry.registerBeanDefinition(name, definition);
        }
        if (defaultId != null && !applicationChosePrimary && applicationProviders.contains(beanName(defaultId))) {
            registry.getBeanDefinition(beanName(defaultId)).setPrimary(true);
        }
    }

    private List<String> applicationProviders(BeanDefinitionRegistry registry) {
        if (!(registry instanceof ListableBeanFactory factory)) {
            return List.of();
        }
        return Arrays.stream(factory.getBeanNamesForType(LlmProvider.class, true, false))
                .filter(registry::containsBeanDefinition)
                .toList();
    }

    private LlmProvider create(String id, boolean isDefault) {
        ProviderRegistry registry = beanFactory.getBean(ProviderRegistry.class);
        if (!isDefault) {
            return registry.adapter(id, null);
        }
        try {
            registry.settings(id);
        } catch (ArcLlmConfigException e) {
            throw ArcLlmConfigException.of("arcllm.defaults.provider", "names unknown provider '" + id
                    + "'; known providers: " + String.join(", ", registry.ids()), e);
        }
        try {
            return registry.adapter(id, null);
        } catch (ArcLlmConfigException e) {
            String problem = e.problem() + " ('" + id + "' is the default provider, arcllm.defaults.provider)";
            throw e.property().isPresent() ? ArcLlmConfigException.of(e.property().get(), problem, e)
                    : new ArcLlmConfigException(problem, e);
        }
    }
}
