package io.arcllm.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.arcllm.config.ApiFormat;
import org.springframework.util.unit.DataSize;

/**
 * {@code arcllm.providers.<id>.*}: one provider's connection, model metadata and per-bean module
 * overrides. Every property is optional; unset means the catalog's value for a built-in id. A non-built-in
 * id needs {@code type}, {@code base-url} and {@code default-model}; an entry with only {@code modules}
 * configures the modules of an application-defined {@code LlmProvider} bean whose {@code name()} is the id.
 */
public class ProviderProperties {

    /** Wire protocol (anthropic or openai); defaults to the catalog's for built-in ids, required for other ids. */
    private ApiFormat type;

    /** API key; unset means the environment variable named by api-key-env. */
    private String apiKey;

    /** Environment variable holding the API key; defaults to the catalog's for built-in ids (ANTHROPIC_API_KEY, OPENAI_API_KEY), else the id in upper case plus _API_KEY. */
    private String apiKeyEnv;

    /** Scheme, host and optional port and path prefix; https unless the host is loopback. */
    private URI baseUrl;

    /** Model used when none is named. */
    private String defaultModel;

    /** Time allowed to open a connection; unset means 10s. */
    private Duration connectTimeout;

    /** Time allowed for the whole answer, from sending the request to its last byte; unset means 60s. */
    private Duration readTimeout;

    /** For a streamed answer (which read-timeout does not bound): time allowed from sending the request to its first event; unset means 60s. */
    private Duration streamFirstEventTimeout;

    /** For a streamed answer: time allowed between two events once the first arrived (keep-alive pings and comments count); unset means 60s. */
    private Duration streamIdleTimeout;

    /** Largest answer body accepted; unset means 16MB. */
    private DataSize maxResponseSize;

    /** Answer token limit for requests that set none and when arcllm.defaults.max-tokens is unset; unset means 4096, or the model's max output tokens if lower. */
    private Integer defaultMaxTokens;

    /** Model metadata by model name, merged over the catalog's; use [brackets] around names containing dots. */
    private final Map<String, ModelProperties> models = new LinkedHashMap<>();

    /** Per-bean module overrides, applied over the global arcllm.modules settings. */
    private final Modules modules = new Modules();

    public ApiFormat getType() {
        return type;
    }

    public void setType(ApiFormat type) {
        this.type = type;
    }

    public String getApiKey() {
        return apiKey;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public String getApiKeyEnv() {
        return apiKeyEnv;
    }

    public void setApiKeyEnv(String apiKeyEnv) {
        this.apiKeyEnv = apiKeyEnv;
    }

    public URI getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(URI baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getDefaultModel() {
        return defaultModel;
    }

    public void setDefaultModel(String defaultModel) {
        this.defaultModel = defaultModel;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getReadTimeout() {
        return readTimeout;
    }

    public void setReadTimeout(Duration readTimeout) {
        this.readTimeout = readTimeout;
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

    public DataSize getMaxResponseSize() {
        return maxResponseSize;
    }

    public void setMaxResponseSize(DataSize maxResponseSize) {
        this.maxResponseSize = maxResponseSize;
    }

    public Integer getDefaultMaxTokens() {
        return defaultMaxTokens;
    }

    public void setDefaultMaxTokens(Integer defaultMaxTokens) {
        this.defaultMaxTokens = defaultMaxTokens;
    }

    public Map<String, ModelProperties> getModels() {
        return models;
    }

    public Modules getModules() {
        return modules;
    }

    /** {@code arcllm.providers.<id>.models.<model>.*}; unset values keep the catalog's. */
    public static class ModelProperties {

        /** Context window in tokens; required for a model the catalog does not know. */
        private Integer contextWindow;

        /** Most tokens the model can answer with; required for a model the catalog does not know. */
        private Integer maxOutputTokens;

        /** Whether the model accepts tool definitions. */
        private Boolean supportsTools;

        /** Whether the model accepts images. */
        private Boolean supportsVision;

        /** Whether the model can show its reasoning (extended thinking). */
        private Boolean supportsThinking;

        /** Price of input tokens, USD per 1M tokens. */
        private Double inputPrice;

        /** Price of output tokens, USD per 1M tokens. */
        private Double outputPrice;

        /** Price of prompt tokens read from the provider's cache, USD per 1M tokens. */
        private Double cacheReadPrice;

        /** Price of prompt tokens written to the provider's cache, USD per 1M tokens. */
        private Double cacheWritePrice;

        public Integer getContextWindow() {
            return contextWindow;
        }

        public void setContextWindow(Integer contextWindow) {
            this.contextWindow = contextWindow;
        }

        public Integer getMaxOutputTokens() {
            return maxOutputTokens;
        }

        public void setMaxOutputTokens(Integer maxOutputTokens) {
            this.maxOutputTokens = maxOutputTokens;
        }

        public Boolean getSupportsTools() {
            return supportsTools;
        }

        public void setSupportsTools(Boolean supportsTools) {
            this.supportsTools = supportsTools;
        }

        public Boolean getSupportsVision() {
            return supportsVision;
        }

        public void setSupportsVision(Boolean supportsVision) {
            this.supportsVision = supportsVision;
        }

        public Boolean getSupportsThinking() {
            return supportsThinking;
        }

        public void setSupportsThinking(Boolean supportsThinking) {
            this.supportsThinking = supportsThinking;
        }

        public Double getInputPrice() {
            return inputPrice;
        }

        public void setInputPrice(Double inputPrice) {
            this.inputPrice = inputPrice;
        }

        public Double getOutputPrice() {
            return outputPrice;
        }

        public void setOutputPrice(Double outputPrice) {
            this.outputPrice = outputPrice;
        }

        public Double getCacheReadPrice() {
            return cacheReadPrice;
        }

        public void setCacheReadPrice(Double cacheReadPrice) {
            this.cacheReadPrice = cacheReadPrice;
        }

        public Double getCacheWritePrice() {
            return cacheWritePrice;
        }

        public void setCacheWritePrice(Double cacheWritePrice) {
            this.cacheWritePrice = cacheWritePrice;
        }
    }

    /**
     * {@code arcllm.providers.<id>.modules.*}, the walkthrough's {@code load_model} keyword arguments. Per
     * module: {@code enabled: false} turns it off; any setting turns it on with those settings merged over
     * the global ones (unless {@code enabled: false}); {@code enabled: true} alone turns it on with the
     * global settings; nothing follows the global {@code enabled} flag.
     */
    public static class Modules {

        /** Retry override for this provider. */
        private final RetryOverride retry = new RetryOverride();

        /** Fallback override for this provider. */
        private final FallbackOverride fallback = new FallbackOverride();

        /** Telemetry override for this provider. */
        private final TelemetryOverride telemetry = new TelemetryOverride();

        /** Rate-limit override for this provider. */
        private final RateLimitProperties rateLimit = new RateLimitProperties();

        public RetryOverride getRetry() {
            return retry;
        }

        public FallbackOverride getFallback() {
            return fallback;
        }

        public TelemetryOverride getTelemetry() {
            return telemetry;
        }

        public RateLimitProperties getRateLimit() {
            return rateLimit;
        }
    }

    /** {@code arcllm.providers.<id>.modules.retry.*}; every unset value keeps the global one. */
    public static class RetryOverride {

        /** false turns retry off for this provider, true turns it on; unset follows the global flag unless a setting is present. */
        private Boolean enabled;

        /** How many times a failed call is repeated. */
        private Integer maxRetries;

        /** Wait before the first retry. */
        private Duration backoffBase;

        /** Longest wait between two attempts. */
        private Duration maxWait;

        /** HTTP statuses that are retried. */
        private List<Integer> retryableStatusCodes;

        public Boolean getEnabled() {
            return enabled;
        }

        public void setEnabled(Boolean enabled) {
            this.enabled = enabled;
        }

        public Integer getMaxRetries() {
            return maxRetries;
        }

        public void setMaxRetries(Integer maxRetries) {
            this.maxRetries = maxRetries;
        }

        public Duration getBackoffBase() {
            return backoffBase;
        }

        public void setBackoffBase(Duration backoffBase) {
            this.backoffBase = backoffBase;
        }

        public Duration getMaxWait() {
            return maxWait;
        }

        public void setMaxWait(Duration maxWait) {
            this.maxWait = maxWait;
        }

        public List<Integer> getRetryableStatusCodes() {
            return retryableStatusCodes;
        }

        public void setRetryableStatusCodes(List<Integer> retryableStatusCodes) {
            this.retryableStatusCodes = retryableStatusCodes;
        }
    }

    /** {@code arcllm.providers.<id>.modules.fallback.*}; every unset value keeps the global one. */
    public static class FallbackOverride {

        /** false turns fallback off for this provider, true turns it on; unset follows the global flag unless a setting is present. */
        private Boolean enabled;

        /** Provider ids tried in order when this provider fails. */
        private List<String> chain;

        /** Whether the chain is walked only after this provider's retries are exhausted. */
        private Boolean afterRetries;

        /** Errors that switch to the chain: any, or a list of HTTP status codes and the words transport and timeout. */
        private List<String> on;

        public Boolean getEnabled() {
            return enabled;
        }

        public void setEnabled(Boolean enabled) {
            this.enabled = enabled;
        }

        public List<String> getChain() {
            return chain;
        }

        public void setChain(List<String> chain) {
            this.chain = chain;
        }

        public Boolean getAfterRetries() {
            return afterRetries;
        }

        public void setAfterRetries(Boolean afterRetries) {
            this.afterRetries = afterRetries;
        }

        public List<String> getOn() {
            return on;
        }

        public void setOn(List<String> on) {
            this.on = on;
        }
    }

    /** {@code arcllm.providers.<id>.modules.telemetry.*}; every unset value keeps the global one. */
    public static class TelemetryOverride {

        /** false stops observing this provider's calls, true observes them; unset follows the global flag unless a setting is present. */
        private Boolean enabled;

        /** Whether prompts and completions of this provider's calls are recorded on the observation. */
        private Boolean includeContent;

        public Boolean getEnabled() {
            return enabled;
        }

        public void setEnabled(Boolean enabled) {
            this.enabled = enabled;
        }

        public Boolean getIncludeContent() {
            return includeContent;
        }

        public void setIncludeContent(Boolean includeContent) {
            this.includeContent = includeContent;
        }
    }
}
