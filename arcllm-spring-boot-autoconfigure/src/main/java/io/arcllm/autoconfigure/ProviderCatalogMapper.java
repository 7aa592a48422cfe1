package io.arcllm.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import io.arcllm.ArcLlmConfigException;
import io.arcllm.autoconfigure.ProviderProperties.ModelProperties;
import io.arcllm.config.ModelMetadata;
import io.arcllm.config.ProviderCatalog;
import io.arcllm.config.ProviderSettings;
import io.arcllm.internal.Durations;
import org.jspecify.annotations.Nullable;

/**
 * Turns {@code arcllm.providers} into a {@link ProviderCatalog}: a built-in id's properties are merged over
 * the catalog's settings; any other id that configures a connection becomes a new provider (it needs
 * {@code type}, {@code base-url} and {@code default-model}, and reads its key from
 * {@code <ID>_API_KEY} unless {@code api-key-env} or {@code api-key} says otherwise). An entry with only
 * {@code modules} adds nothing to the catalog: it configures an application-defined bean's modules.
 */
final class ProviderCatalogMapper {

    private static final ProviderCatalog BUILT_IN = ProviderCatalog.builtIn();

    private ProviderCatalogMapper() {
    }

    /**
     * The built-in catalog with {@code arcllm.providers} applied, and {@code arcllm.defaults}' stream timeouts for
     * every provider that sets none of its own.
     *
     * @throws ArcLlmConfigException whose message starts with the offending property
     */
    static ProviderCatalog catalog(Map<String, ProviderProperties> providers, ArcLlmProperties.Defaults defaults) {
        ProviderCatalog catalog = BUILT_IN;
        for (Map.Entry<String, ProviderProperties> entry : providers.entrySet()) {
            String id = ConfigErrors.qualified("arcllm.providers." + entry.getKey(), () -> ProviderSettings.validateId(entry.getKey()));
            ProviderSettings builtIn = BUILT_IN.find(id).orElse(null);
            if (builtIn != null || definesProvider(entry.getValue())) {
                catalog = catalog.with(settings(id, entry.getValue(), builtIn, defaults));
            }
        }
        for (String id : BUILT_IN.ids()) {
            if (!providers.containsKey(id)) {
                catalog = catalog.with(settings(id, new ProviderProperties(), BUILT_IN.find(id).orElseThrow(), defaults));
            }
        }
        return catalog;
    }

    private static Duration positive(String property, @Nullable Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw ArcLlmConfigException.of(property, "must be > 0, was " + Durations.format(value));
        }
        return value;
    }

    /**
     * Whether the entry configures a connection, rather than only the modules of an application-defined bean.
     * {@link ProviderBeanIds} applies the same rule to property names, before binding; keep the two in step.
     */
    static boolean definesProvider(ProviderProperties p) {
        return p.getType() != null || p.getApiKey() != null || p.getApiKeyEnv() != null || p.getBaseUrl() != null
                || p.getDefaultModel() != null || p.getConnectTimeout() != null || p.getReadTimeout() != null
                || p.getMaxResponseSize() != null || p.getDefaultMaxTokens() != null || !p.getModels().isEmpty()
                || p.getDialect() != null || p.getKeyRequired() != null || p.getMaxConnections() != null
                || p.getHttpVersion() != null;
    }

    private static ProviderSettings settings(String id, ProviderProperties p, @Nullable ProviderSettings builtIn,
                                             ArcLlmProperties.Defaults defaults) {
        String prefix = "arcllm.providers." + id;
        ProviderSettings.Builder builder = builtIn != null ? builtIn.toBuilder() : newProvider(id, p, prefix);
        builder.streamFirstEventTimeout(positive("arcllm.defaults.stream-first-event-timeout", defaults.getStreamFirstEventTimeout()));
        builder.streamIdleTimeout(positive("arcllm.defaults.stream-idle-timeout", defaults.getStreamIdleTimeout()));
        if (p.getType() != null) {
            builder.apiFormat(p.getType());
        }
        if (p.getApiKeyEnv() != null) {
            builder.apiKeyEnv(p.getApiKeyEnv());
        }
        if (p.getApiKey() != null) {
            builder.apiKey(p.getApiKey());
        }
        if (p.getBaseUrl() != null) {
            builder.baseUrl(p.getBaseUrl());
        }
        if (p.getDefaultModel() != null) {
            builder.defaultModel(p.getDefaultModel());
        }
        if (p.getConnectTimeout() != null) {
            builder.connectTimeout(p.getConnectTimeout());
        }
        if (p.getReadTimeout() != null) {
            builder.readTimeout(p.getReadTimeout());
        }
        if (p.getStreamFirstEventTimeout() != null) {
            builder.streamFirstEventTimeout(p.getStreamFirstEventTimeout());
        }
        if (p.getStreamIdleTimeout() != null) {
            builder.streamIdleTimeout(p.getStreamIdleTimeout());
        }
        if (p.getDefaultMaxTokens() != null) {
            builder.defaultMaxTokens(p.getDefaultMaxTokens());
        }
        if (p.getMaxResponseSize() != null) {
            builder.maxResponseBytes(p.getMaxResponseSize().toBytes());
        }
        if (p.getMaxConnections() != null) {
            builder.maxConnections(p.getMaxConnections());
        }
        if (p.getHttpVersion() != null) {
            builder.httpVersion(p.getHttpVersion());
        }
        if (p.getDialect() != null) {
            builder.dialect(p.getDialect());
        }
        if (p.getKeyRequired() != null) {
            builder.keyRequired(p.getKeyRequired());
        }
        Map<String, ModelMetadata> models = new LinkedHashMap<>(builtIn != null ? builtIn.models() : Map.of());
        p.getModels().forEach((name, model) -> models.put(name, model(prefix + ".models." + name, model, models.get(name))));
        builder.models(models);
        return ConfigErrors.qualified(prefix, builder::build);
    }

    private static ProviderSettings.Builder newProvider(String id, ProviderProperties p, String prefix) {
        String builtIns = String.join(", ", BUILT_IN.ids());
        if (p.getType() == null) {
            throw ArcLlmConfigException.of(prefix + ".type", "is required for a provider that is not built in ("
                    + builtIns + ")");
        }
        if (p.getBaseUrl() == null) {
            throw ArcLlmConfigException.of(prefix + ".base-url", "is required for a provider that is not built in ("
                    + builtIns + ")");
        }
        if (p.getDefaultModel() == null || p.getDefaultModel().isBlank()) {
            throw ArcLlmConfigException.of(prefix + ".default-model", "is required for a provider that is not built in ("
                    + builtIns + ")");
        }
        return ProviderSettings.builder(id, p.getType()).apiKeyEnv(id.toUpperCase(Locale.ROOT) + "_API_KEY");
    }

    private static ModelMetadata model(String prefix, ModelProperties m, @Nullable ModelMetadata base) {
        if (base == null && (m.getContextWindow() == null || m.getMaxOutputTokens() == null)) {
            String missing = m.getContextWindow() == null ? "context-window" : "max-output-tokens";
            throw ArcLlmConfigException.of(prefix + "." + missing, "is required for a model the catalog does not know");
        }
        return ConfigErrors.qualified(prefix, () -> new ModelMetadata(
                pick(m.getContextWindow(), base, ModelMetadata::contextWindow, 0),
                pick(m.getMaxOutputTokens(), base, ModelMetadata::maxOutputTokens, 0),
                pick(m.getSupportsTools(), base, ModelMetadata::supportsTools, false),
                pick(m.getSupportsVision(), base, ModelMetadata::supportsVision, false),
                pick(m.getSupportsThinking(), base, ModelMetadata::supportsThinking, false),
                pick(m.getInputPrice(), base, ModelMetadata::inputPrice, 0.0),
                pick(m.getOutputPrice(), base, ModelMetadata::outputPrice, 0.0),
                pick(m.getCacheReadPrice(), base, ModelMetadata::cacheReadPrice, 0.0),
                pick(m.getCacheWritePrice(), base, ModelMetadata::cacheWritePrice, 0.0)));
    }

    private static <T> T pick(@Nullable T value, @Nullable ModelMetadata base, Function<ModelMetadata, T> field, T otherwise) {
        if (value != null) {
            return value;
        }
        return base != null ? field.apply(base) : otherwise;
    }
}
