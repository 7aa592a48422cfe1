package io.arcllm.test.internal;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.arcllm.ArcLlmConfigException;
import io.arcllm.config.ApiFormat;
import io.arcllm.config.ProviderCatalog;
import io.arcllm.config.ProviderSettings;
import io.arcllm.test.ArcLlmStubs;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Starts the stubs of one test context and points the provider properties at them before the context refreshes;
 * registers the {@link ArcLlmStubs} as a bean and stops the stubs when the context closes. Equal for equal id
 * lists, so contexts stay cached across test classes.
 */
final class ArcLlmStubsContextCustomizer implements ContextCustomizer {

    /** The name of the property source that points the providers at the stubs. */
    static final String PROPERTY_SOURCE = "arcllm-test-stubs";
    /** The bean name of the {@link ArcLlmStubs}. */
    static final String BEAN_NAME = "arcLlmStubs";

    private static final ConfigurationPropertyName PROVIDERS = ConfigurationPropertyName.of("arcllm.providers");

    private final List<String> providerIds;

    ArcLlmStubsContextCustomizer(List<String> providerIds) {
        this.providerIds = List.copyOf(providerIds);
    }

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        ConfigurableEnvironment environment = context.getEnvironment();
        Map<String, ApiFormat> formats = new LinkedHashMap<>();
        for (String id : providerIds.isEmpty() ? configuredIds(environment) : providerIds) {
            ApiFormat format = configuredFormat(environment, id);
            boolean builtIn = ProviderCatalog.builtIn().find(id).isPresent();
            // A discovered id that is neither built in nor typed only configures the modules of an application-defined bean.
            if (providerIds.isEmpty() && !builtIn && format == null) {
                continue;
            }
            formats.put(id, ArcLlmStubs.builtInFormat(id, format));
        }
        ArcLlmStubs stubs = ArcLlmStubs.start(formats);
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String id : stubs.ids()) {
            properties.put("arcllm.providers." + id + ".base-url", stubs.provider(id).baseUrl().toString());
            properties.put("arcllm.providers." + id + ".api-key", ArcLlmStubs.DUMMY_API_KEY);
        }
        environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
        context.getBeanFactory().registerSingleton(BEAN_NAME, stubs);
        context.addApplicationListener(new StopOnClose(stubs));
    }

    /** The ids the configuration mentions, plus built-in ids whose key variable is set. */
    static Set<String> configuredIds(ConfigurableEnvironment environment) {
        Set<String> ids = new LinkedHashSet<>();
        Binder binder = Binder.get(environment);
        ids.add(binder.bind("arcllm.defaults.provider", String.class).orElse("anthropic"));
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source instanceof IterableConfigurationPropertySource iterable) {
                iterable.stream().filter(PROVIDERS::isAncestorOf)
                        .forEach(name -> ids.add(name.getElement(2, ConfigurationPropertyName.Form.DASHED)));
            }
        }
        ids.addAll(binder.bind("arcllm.modules.fallback.chain", Bindable.listOf(String.class)).orElse(List.of()));
        for (String id : List.copyOf(ids)) {
            ids.addAll(binder.bind("arcllm.providers." + id + ".modules.fallback.chain", Bindable.listOf(String.class))
                    .orElse(List.of()));
        }
        for (String id : ProviderCatalog.builtIn().ids()) {
            String keyEnv = ProviderCatalog.builtIn().find(id).map(ProviderSettings::apiKeyEnv).orElseThrow();
            String key = environment.getProperty(keyEnv);
            if (key != null && !key.isBlank()) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static @Nullable ApiFormat configuredFormat(ConfigurableEnvironment environment, String id) {
        String type = environment.getProperty("arcllm.providers." + id + ".type");
        if (type == null || type.isBlank()) {
            return null;
        }
        try {
            return ApiFormat.valueOf(type.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ArcLlmConfigException("arcllm.providers." + id + ".type must be anthropic or openai, was '" + type + "'");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ArcLlmStubsContextCustomizer that && providerIds.equals(that.providerIds);
    }

    @Override
    public int hashCode() {
        return providerIds.hashCode();
    }

    /** Stops the stubs with their context. */
    private record StopOnClose(ArcLlmStubs stubs) implements ApplicationListener<ContextClosedEvent> {
        @Override
        public void onApplicationEvent(ContextClosedEvent event) {
            stubs.close();
        }
    }
}
