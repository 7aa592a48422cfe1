package io.arcllm.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.arcllm.config.ProviderSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * The {@code arcllm.*} properties: which provider is the primary {@code LlmProvider}, the global module
 * settings and each provider's connection, model metadata and per-bean module overrides. Plain JavaBeans,
 * bound once when the context starts; {@link ArcLlmPropertiesMapper} turns them into core objects and validates
 * them at startup. A key naming an unknown module (say {@code arcllm.modules.retyr.max-retries})
 * fails at startup ({@link ModuleNames}).
 *
 * <pre>
 * arcllm:
 *   defaults: { provider: anthropic }
 *   modules:
 *     retry: { enabled: true, max-retries: 3, backoff-base: 1s }
 *   providers:
 *     anthropic:
 *       modules:
 *         fallback: { chain: [openai] }
 * </pre>
 */
@ConfigurationProperties("arcllm")
public class ArcLlmProperties {

    /** Request defaults and the id of the primary provider. */
    private final Defaults defaults = new Defaults();

    /** Global module settings: each module's enabled flag and the settings per-provider overrides start from; unset values are the core's defaults. */
    @NestedConfigurationProperty
    private final ModulesProperties modules = new ModulesProperties();

    /** Providers by id: built-in ids (anthropic, openai) override the catalog, other ids need type, base-url and default-model. */
    private final Map<String, ProviderProperties> providers = new LinkedHashMap<>();

    public Defaults getDefaults() {
        return defaults;
    }

    public ModulesProperties getModules() {
        return modules;
    }

    public Map<String, ProviderProperties> getProviders() {
        return providers;
    }

    /** {@code arcllm.defaults.*}. */
    public static class Defaults {

        /** Id of the provider whose bean is the @Primary LlmProvider. */
        private String provider = "anthropic";

        /** Sampling temperature for requests that set none; unset means the provider's own default. */
        private Double temperature;

        /** Answer token limit for requests that set none, for every provider; unset means each provider's default-max-tokens (4096, or the model's max output tokens if lower). */
        private Integer maxTokens;

        /** One deadline per call across all its retries and fallbacks, for every provider (arcllm.providers.<id>.timeout replaces it for one provider, a request's own timeout for one call): retry never starts a wait past it, fallbacks get what remains, and when it passes the caller gets ArcLlmTimeoutException naming the attempts and providers. Unset: no deadline. */
        private Duration timeout;

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        /** For streamed answers, time allowed from sending the request to the first event, for every provider without its own stream-first-event-timeout. Default 60s. */
        private Duration streamFirstEventTimeout = ProviderSettings.DEFAULT_STREAM_FIRST_EVENT_TIMEOUT;

        /** For streamed answers, longest silence allowed between two events (pings count as events), for every provider without its own stream-idle-timeout. Default 60s. */
        private Duration streamIdleTimeout = ProviderSettings.DEFAULT_STREAM_IDLE_TIMEOUT;

        public String getProvider() {
            return provider;
        }

        public void setProvider(String provider) {
            this.provider = provider;
        }

        public Double getTemperature() {
            return temperature;
        }

        public void setTemperature(Double temperature) {
            this.temperature = temperature;
        }

        public Integer getMaxTokens() {
            return maxTokens;
        }

        public void setMaxTokens(Integer maxTokens) {
            this.maxTokens = maxTokens;
        }

        public Duration getStreamFirstEventTimeout() {
            return streamFirstEventTimeout;
        }

        public void setStreamFirstEventTimeout(Duration streamFirstEventTimeout) {
            this.streamFirstEventTimeout = streamFirstEventTimeout;
        }

        public Duration getStreamIdleTimeout() {
            return streamIdleTimeout;
        }

        public void setStreamIdleTimeout(Duration streamIdleTimeout) {
            this.streamIdleTimeout = streamIdleTimeout;
        }
    }
}
