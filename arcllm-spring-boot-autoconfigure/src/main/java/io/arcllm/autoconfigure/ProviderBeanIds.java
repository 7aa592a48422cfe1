package io.arcllm.autoconfigure;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.arcllm.config.ProviderCatalog;
import io.arcllm.config.ProviderSettings;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * Which provider ids get an {@code LlmProvider} bean, read from the {@link Environment} before any bean exists
 * ({@link LlmProviderBeanRegistrar} runs then). It reads only what names the beans: the ids under
 * {@code arcllm.providers} and the keys each one sets (property names, element by element), and four single
 * values per id ({@code api-key}, {@code api-key-env}, {@code base-url}, {@code key-required}) plus
 * {@code arcllm.defaults.provider}. Everything else, module settings included, is bound once, into the
 * {@link ArcLlmProperties} bean the registry is built from.
 */
final class ProviderBeanIds {

    /**
     * The keys that make an id under {@code arcllm.providers} a provider of its own (in
     * {@link Form#UNIFORM}); the same fields as {@link ProviderCatalogMapper#definesProvider}.
     */
    private static final Set<String> DEFINING = Set.of("type", "apikey", "apikeyenv", "baseurl", "defaultmodel",
            "connecttimeout", "readtimeout", "maxresponsesize", "defaultmaxtokens", "models", "dialect", "keyrequired");

    private final Binder binder;
    private final Map<String, Set<String>> configured;
    private final @Nullable String defaultProvider;

    private ProviderBeanIds(Binder binder, Map<String, Set<String>> configured, @Nullable String defaultProvider) {
        this.binder = binder;
        this.configured = configured;
        this.defaultProvider = defaultProvider;
    }

    static ProviderBeanIds read(Environment environment) {
        Map<String, Set<String>> configured = new LinkedHashMap<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source instanceof IterableConfigurationPropertySource names) {
                names.stream().forEach(name -> collect(name, configured));
            }
        }
        Binder binder = Binder.get(environment);
        String defaultProvider = binder.bind("arcllm.defaults.provider", String.class)
                .orElseGet(() -> new ArcLlmProperties.Defaults().getProvider());
        return new ProviderBeanIds(binder, configured, defaultProvider);
    }

    private static void collect(ConfigurationPropertyName name, Map<String, Set<String>> configured) {
        if (name.getNumberOfElements() >= 4 && name.getElement(0, Form.UNIFORM).equals("arcllm")
                && name.getElement(1, Form.UNIFORM).equals("providers")) {
            configured.computeIfAbsent(name.getElement(2, Form.ORIGINAL), id -> new LinkedHashSet<>())
                    .add(name.getElement(3, Form.UNIFORM));
        }
    }

    /** {@code arcllm.defaults.provider}, or its default. */
    @Nullable String defaultProvider() {
        return defaultProvider;
    }

    /** The ids that set any key under {@code arcllm.providers.<id>}. */
    Set<String> configured() {
        return configured.keySet();
    }

    /**
     * The ids that get an {@code LlmProvider} bean: a built-in id when an API key is available for it (its
     * {@code api-key} property or the environment variable) or its {@code base-url} is set; a key-optional built-in
     * id ({@code ollama}, {@code vllm}) only when its {@code base-url} or {@code api-key} is set or it is the default
     * provider; and every other id under {@code arcllm.providers} that configures a connection. Nothing is
     * validated here: the registry does that, from the bound properties.
     */
    Set<String> beanIds(Function<String, String> env) {
        ProviderCatalog builtIn = ProviderCatalog.builtIn();
        Set<String> ids = new LinkedHashSet<>();
        for (String id : builtIn.ids()) {
            ProviderSettings settings = builtIn.find(id).orElseThrow();
            String prefix = "arcllm.providers." + id;
            String keyEnv = text(prefix + ".api-key-env");
            boolean configuredConnection = text(prefix + ".api-key") != null
                    || binder.bind(prefix + ".base-url", URI.class).isBound();
            boolean keyRequired = binder.bind(prefix + ".key-required", Boolean.class).orElse(settings.keyRequired());
            if (!keyRequired) {
                // A local server: only when asked for, never a bean pointing at localhost just because it is built in.
                if (configuredConnection || id.equals(defaultProvider)) {
                    ids.add(id);
                }
            } else if (configuredConnection || hasText(env.apply(keyEnv != null ? keyEnv : settings.apiKeyEnv()))) {
                ids.add(id);
            }
        }
        configured.forEach((id, keys) -> {
            if (builtIn.find(id).isEmpty() && keys.stream().anyMatch(DEFINING::contains)) {
                ids.add(id);
            }
        });
        return ids;
    }

    private @Nullable String text(String property) {
        String value = binder.bind(property, String.class).orElse(null);
        return hasText(value) ? value : null;
    }

    private static boolean hasText(@Nullable String value) {
        return value != null && !value.isBlank();
    }
}
