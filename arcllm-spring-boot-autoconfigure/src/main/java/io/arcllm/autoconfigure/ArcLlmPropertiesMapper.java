package io.arcllm.autoconfigure;

import java.util.List;
import java.util.function.UnaryOperator;

import io.arcllm.ArcLlmConfigException;
import io.arcllm.LlmProvider;
import io.arcllm.ProviderRegistry;
import io.arcllm.config.FallbackConfig;
import io.arcllm.config.LoadOptions;
import io.arcllm.config.ModuleDefaults;
import io.arcllm.config.ModuleKind;
import io.arcllm.config.ModuleOverride;
import io.arcllm.config.ModuleResolution;
import io.arcllm.config.ProviderCatalog;
import io.arcllm.config.RateLimitConfig;

/**
 * Maps {@link ArcLlmProperties} to the core's objects: the {@link ProviderCatalog} (see
 * {@link ProviderCatalogMapper}), the global {@link ModuleDefaults} and one {@link LoadOptions} override
 * per provider id, following the 4-level rule of {@link ModuleOverride#of}. Everything is validated here,
 * so bad configuration fails at startup: every error is an {@link ArcLlmConfigException} whose message
 * starts with the offending {@code arcllm.*} property.
 */
final class ArcLlmPropertiesMapper {

    private final ArcLlmProperties properties;

    ArcLlmPropertiesMapper(ArcLlmProperties properties) {
        this.properties = properties;
    }

    /**
     * A registry builder holding the catalog, the global module settings and each provider's override; the
     * caller adds the {@code WebClient.Builder} and the environment lookup.
     *
     * @throws ArcLlmConfigException naming the property, for any invalid value or unknown chain id
     */
    ProviderRegistry.Builder registryBuilder() {
        requireValidDefaults();
        ProviderCatalog catalog = ProviderCatalogMapper.catalog(properties.getProviders(), properties.getDefaults());
        ModuleDefaults modules = moduleDefaults(catalog);
        ProviderRegistry.Builder builder = ProviderRegistry.builder().catalog(catalog).modules(modules)
                .requestDefaults(properties.getDefaults().getMaxTokens(), properties.getDefaults().getTemperature());
        ConfigErrors.qualified("arcllm.defaults", () -> builder.defaultTimeout(properties.getDefaults().getTimeout()));
        properties.getProviders().forEach((id, provider) -> {
            builder.override(id, overrides("arcllm.providers." + id + ".modules", provider.getModules(), modules, catalog));
            ConfigErrors.qualified("arcllm.providers." + id, () -> builder.timeout(id, provider.getTimeout()));
        });
        return builder;
    }

    private void requireValidDefaults() {
        ArcLlmProperties.Defaults defaults = properties.getDefaults();
        if (defaults.getMaxTokens() != null && defaults.getMaxTokens() < 1) {
            throw ArcLlmConfigException.of("arcllm.defaults.max-tokens", "must be >= 1, was " + defaults.getMaxTokens());
        }
        Double temperature = defaults.getTemperature();
        if (temperature != null && !(temperature >= 0 && temperature < Double.POSITIVE_INFINITY)) {
            throw ArcLlmConfigException.of("arcllm.defaults.temperature", "must be >= 0, was " + temperature);
        }
    }

    private ModuleDefaults moduleDefaults(ProviderCatalog catalog) {
        ModuleDefaults.Builder defaults = ModuleDefaults.builder();
        for (ModuleProperties<?> module : properties.getModules().all()) {
            global(defaults, module);
        }
        RateLimitProperties rateLimit = properties.getModules().getRateLimit();
        RateLimitConfig rateLimitConfig = ConfigErrors.qualified("arcllm.modules.rate-limit",
                () -> RateLimitMapping.changes(rateLimit).apply(RateLimitConfig.DEFAULTS.toBuilder()).build());
        defaults.enabled(RateLimitConfig.KIND, Boolean.TRUE.equals(rateLimit.getEnabled()))
                .settings(RateLimitConfig.KIND, rateLimitConfig);
        ModuleDefaults modules = defaults.build();
        requireKnown("arcllm.modules.fallback.chain", modules.fallback().chain(), catalog);
        return modules;
    }

    private static <C, B> void global(ModuleDefaults.Builder defaults, ModuleProperties<B> module) {
        @SuppressWarnings("unchecked")
        ModuleKind<C, B> kind = (ModuleKind<C, B>) module.kind();
        if (module.getEnabled() != null) {
            defaults.enabled(kind, module.getEnabled());
        }
        UnaryOperator<B> changes = module.changes();
        if (changes != null) {
            defaults.settings(kind, ConfigErrors.qualified("arcllm.modules." + kind.name(),
                    () -> kind.change(kind.defaults(), changes)));
        }
    }

    private static LoadOptions overrides(String prefix, ModulesProperties modules, ModuleDefaults global,
                                         ProviderCatalog catalog) {
        LoadOptions.Builder options = LoadOptions.builder();
        for (ModuleProperties<?> module : modules.all()) {
            override(options, module);
        }
        ModuleOverride<RateLimitConfig.Builder> rateLimit = RateLimitMapping.override(modules.getRateLimit());
        ConfigErrors.qualified(prefix + ".rate-limit",
                () -> ModuleResolution.resolve(global, LoadOptions.builder().module(RateLimitConfig.KIND, rateLimit).build()));
        options.module(RateLimitConfig.KIND, rateLimit);
        LoadOptions built = options.build();
        // Resolve the override now, so an invalid one fails at startup naming its property.
        for (ModuleProperties<?> module : modules.all()) {
            LoadOptions one = only(module.kind(), built);
            ModuleResolution resolution = ConfigErrors.qualified(prefix + "." + module.kind().name(),
                    () -> ModuleResolution.resolve(global, one));
            resolution.get(FallbackConfig.KIND).ifPresent(config -> requireKnown(prefix + ".fallback.chain", config.chain(), catalog));
        }
        return built;
    }

    private static <B> LoadOptions only(ModuleKind<?, B> kind, LoadOptions options) {
        return LoadOptions.builder().module(kind, options.override(kind)).build();
    }

    private static <B> void override(LoadOptions.Builder options, ModuleProperties<B> module) {
        options.module(module.kind(), ModuleOverride.of(module.getEnabled(), module.changes()));
    }

    private static void requireKnown(String property, List<String> chain, ProviderCatalog catalog) {
        for (String id : chain) {
            if (catalog.find(id).isEmpty()) {
                throw ArcLlmConfigException.of(property, "names unknown provider '" + id + "'; known providers: "
                        + String.join(", ", catalog.ids()));
            }
        }
    }
}
