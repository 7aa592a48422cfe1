package io.arcllm.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.arcllm.config.ApiFormat;
import io.arcllm.config.HttpVersion;
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

    /** This provider's deadline per call, across all its retries and fallbacks, in place of arcllm.defaults.timeout; a request's own timeout still replaces it. Unset: arcllm.defaults.timeout. */
    private Duration timeout;

    /** For a streamed answer (which read-timeout does not bound): time allowed from sending the request to its first event; unset means 60s. */
    private Duration streamFirstEventTimeout;

    /** For a streamed answer: time allowed between two events once the first arrived (keep-alive pings and comments count); unset means 60s. */
    private Duration streamIdleTimeout;

    /** Largest answer body accepted; unset means 16MB. */
    private DataSize maxResponseSize;

    /** Most connections open to this provider at once; calls beyond them wait, without a thread, for a free one, within their read-timeout and deadline. With HTTP/1.1 each call in flight holds a connection; with http-version h2 each connection carries many calls. Unset means 1000. */
    private Integer maxConnections;

    /** HTTP version spoken to this provider: http1_1, or h2 (over https negotiated by ALPN, falling back to HTTP/1.1 when the server does not offer it; over plain http to a loopback server, h2c with prior knowledge). Unset means http1_1. */
    private HttpVersion httpVersion;

    /** Answer token limit for requests that set none and when arcllm.defaults.max-tokens is unset; unset means 4096, or the model's max output tokens if lower. */
    private Integer defaultMaxTokens;

    /** Variant of the wire protocol the server speaks (openai type: openai, mistral, deepseek, groq, together, fireworks, huggingface, ollama, vllm); defaults to the catalog's for built-in ids, else the protocol's reference dialect. */
    private String dialect;

    /** Whether the provider needs an API key; false lets a local server start without one and sends no authentication header. Defaults to the catalog's for built-in ids (false for ollama and vllm), else true. */
    private Boolean keyRequired;

    /** Model metadata by model name, merged over the catalog's; use [brackets] around names containing dots. */
    private final Map<String, ModelProperties> models = new LinkedHashMap<>();

    /** This provider's module overrides, applied over the global arcllm.modules settings; the same keys as arcllm.modules. */
    private final ModulesProperties modules = new ModulesProperties();

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

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
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

    public Integer getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(Integer maxConnections) {
        this.maxConnections = maxConnections;
    }

    public HttpVersion getHttpVersion() {
        return httpVersion;
    }

    public void setHttpVersion(HttpVersion httpVersion) {
        this.httpVersion = httpVersion;
    }

    public Integer getDefaultMaxTokens() {
        return defaultMaxTokens;
    }

    public void setDefaultMaxTokens(Integer defaultMaxTokens) {
        this.defaultMaxTokens = defaultMaxTokens;
    }

    public String getDialect() {
        return dialect;
    }

    public void setDialect(String dialect) {
        this.dialect = dialect;
    }

    public Boolean getKeyRequired() {
        return keyRequired;
    }

    public void setKeyRequired(Boolean keyRequired) {
        this.keyRequired = keyRequired;
    }

    public Map<String, ModelProperties> getModels() {
        return models;
    }

    public ModulesProperties getModules() {
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
}
