package io.arcllm.autoconfigure;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import io.arcllm.ArcLlmConfigException;
import io.arcllm.LlmProvider;
import io.arcllm.ProviderRegistry;
import io.arcllm.autoconfigure.ProviderProperties.FallbackOverride;
import io.arcllm.autoconfigure.ProviderProperties.RetryOverride;
import io.arcllm.autoconfigure.ProviderProperties.TelemetryOverride;
import io.arcllm.config.FallbackConfig;
import io.arcllm.config.LoadOptions;
import io.arcllm.config.ModuleDefaults;
import io.arcllm.config.ModuleOverride;
import io.arcllm.config.ModuleResolution;
import io.arcllm.config.ProviderCatalog;
import io.arcllm.config.ProviderSettings;
import io.arcllm.config.RateLimitConfig;
import io.arcllm.config.RetryConfig;
import io.arcllm.config.TelemetryConfig;

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
        ProviderCatalog catalog = ProviderCatalogMapper.catalog(properties.getProviders());
        ModuleDefaults modules = moduleDefaults(catalog);
        ProviderRegistry.Builder builder = ProviderRegistry.builder().catalog(catalog).modules(modules)
                .requestDefaults(properties.getDefaults().getMaxTokens(), properties.getDefaults().getTemperature());
        properties.getProviders().forEach((id, provider) ->
                builder.override(id, overrides("arcllm.providers." + id + ".modules", provider.getModules(), modules, catalog)));
        return builder;
    }

    /**
     * The ids that get an {@code LlmProvider} bean: a built-in id when an API key is available for it (its
     * {@code api-key} property or the environment variable) or its {@code base-url} is set, and every other id
     * under {@code arcllm.providers} that configures a connection. Nothing is validated here.
     */
    Set<String> providerBeanIds(Function<String, String> env) {
        Set<String> ids = new LinkedHashSet<>();
        for (String id : ProviderCatalog.builtIn().ids()) {
            ProviderProperties provider = properties.getProviders().get(id);
            String keyEnv = provider != null && hasText(provider.getApiKeyEnv()) ? provider.getApiKeyEnv()
                    : ProviderCatalog.builtIn().find(id).map(ProviderSettings::apiKeyEnv).orElseThrow();
            boolean configured = provider != null && (hasText(provider.getApiKey()) || provider.getBaseUrl() != null);
            if (configured || hasText(env.apply(keyEnv))) {
                ids.add(id);
            }
        }
        properties.getProviders().forEach((id, provider) -> {
            if (ProviderCatalog.builtIn().find(id).isEmpty() && ProviderCatalogMapper.definesProvider(provider)) {
                ids.add(id);
            }
        });
        return ids;
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
        ArcLlmProperties.Retry retry = properties.getModules().getRetry();
        ArcLlmProperties.Fallback fallback = properties.getModules().getFallback();
        RetryConfig retryConfig = ConfigErrors.qualified("arcllm.modules.retry", () -> RetryConfig.builder()
                .maxRetries(retry.getMaxRetries())
                .backoffBase(retry.getBackoffBase())
                .maxWait(retry.getMaxWait())
                .retryableStatusCodes(retry.getRetryableStatusCodes())
                .build());
        FallbackConfig fallbackConfig = ConfigErrors.qualified("arcllm.modules.fallback", () -> FallbackConfig.builder()
                .chain(fallback.getChain())
                .afterRetries(fallback.isAfterRetries())
                .on(fallback.getOn())
                .build());
        requireKnown("arcllm.modules.fallback.chain", fallbackConfig.chain(), catalog);
        ArcLlmProperties.Telemetry telemetry = properties.getModules().getTelemetry();
        RateLimitProperties rateLimit = properties.getModules().getRateLimit();
        RateLimitConfig rateLimitConfig = ConfigErrors.qualified("arcllm.modules.rate-limit",
                () -> RateLimitMapping.changes(rateLimit).apply(RateLimitConfig.DEFAULTS.toBuilder()).build());
        return ModuleDefaults.builder().retryEnabled(retry.isEnabled()).retry(retryConfig)
                .fallbackEnabled(fallback.isEnabled()).fallback(fallbackConfig)
                .telemetryEnabled(telemetry.isEnabled())
                .telemetry(TelemetryConfig.builder().includeContent(telemetry.isIncludeContent()).build())
                .enabled(RateLimitConfig.KIND, Boolean.TRUE.equals(rateLimit.getEnabled()))
                .settings(RateLimitConfig.KIND, rateLimitConfig).build();
    }

    private static LoadOptions overrides(String prefix, ProviderProperties.Modules modules, ModuleDefaults global,
                                         ProviderCatalog catalog) {
        ModuleOverride<RetryConfig.Builder> retry = retryOverride(modules.getRetry());
        ModuleOverride<FallbackConfig.Builder> fallback = fallbackOverride(modules.getFallback());
        // Resolve each override now, so an invalid one fails at startup naming its property.
        ConfigErrors.qualified(prefix + ".retry", () -> ModuleResolution.resolve(global, LoadOptions.builder().retry(retry).build()));
        ConfigErrors.qualified(prefix + ".fallback", () -> ModuleResolution.resolve(global, LoadOptions.builder().fallback(fallback).build()))
                .get(FallbackConfig.KIND)
                .ifPresent(config -> requireKnown(prefix + ".fallback.chain", config.chain(), catalog));
        ModuleOverride<RateLimitConfig.Builder> rateLimit = RateLimitMapping.override(modules.getRateLimit());
        ConfigErrors.qualified(prefix + ".rate-limit",
                () -> ModuleResolution.resolve(global, LoadOptions.builder().module(RateLimitConfig.KIND, rateLimit).build()));
        return LoadOptions.builder().retry(retry).fallback(fallback).telemetry(telemetryOverride(modules.getTelemetry()))
                .module(RateLimitConfig.KIND, rateLimit).build();
    }

    private static ModuleOverride<RetryConfig.Builder> retryOverride(RetryOverride r) {
        boolean hasSettings = r.getMaxRetries() != null || r.getBackoffBase() != null || r.getMaxWait() != null
                || r.getRetryableStatusCodes() != null;
        return ModuleOverride.of(r.getEnabled(), !hasSettings ? null : builder -> {
            if (r.getMaxRetries() != null) {
                builder.maxRetries(r.getMaxRetries());
            }
            if (r.getBackoffBase() != null) {
                builder.backoffBase(r.getBackoffBase());
            }
            if (r.getMaxWait() != null) {
                builder.maxWait(r.getMaxWait());
            }
            if (r.getRetryableStatusCodes() != null) {
                builder.retryableStatusCodes(r.getRetryableStatusCodes());
            }
            return builder;
        });
    }

    private static ModuleOverride<FallbackConfig.Builder> fallbackOverride(FallbackOverride f) {
        boolean hasSettings = f.getChain() != null || f.getAfterRetries() != null || f.getOn() != null;
        return ModuleOverride.of(f.getEnabled(), !hasSettings ? null : builder -> {
            if (f.getChain() != null) {
                builder.chain(f.getChain());
            }
            if (f.getAfterRetries() != null) {
                builder.afterRetries(f.getAfterRetries());
            }
            if (f.getOn() != null) {
                builder.on(f.getOn());
            }
            return builder;
        });
    }

    private static ModuleOverride<TelemetryConfig.Builder> telemetryOverride(TelemetryOverride t) {
        Boolean includeContent = t.getIncludeContent();
        return ModuleOverride.of(t.getEnabled(), includeContent == null ? null : builder -> builder.includeContent(includeContent));
    }

    private static void requireKnown(String property, List<String> chain, ProviderCatalog catalog) {
        for (String id : chain) {
            if (catalog.find(id).isEmpty()) {
                throw ArcLlmConfigException.of(property, "names unknown provider '" + id + "'; known providers: "
                        + String.join(", ", catalog.ids()));
            }
        }
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
