package io.arcllm.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.arcllm.config.FallbackConfig;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code arcllm.*} properties: which provider is the primary {@code LlmProvider}, the global module
 * settings (the walkthrough's {@code config.toml}) and each provider's connection, model metadata and
 * per-bean module overrides. Plain JavaBeans; {@link ArcLlmPropertiesMapper} turns them into core objects
 * and validates them at startup.
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

    /** Global module settings: each module's enabled flag and the settings per-provider overrides start from. */
    private final Modules modules = new Modules();

    /** Providers by id: built-in ids (anthropic, openai) override the catalog, other ids need type, base-url and default-model. */
    private final Map<String, ProviderProperties> providers = new LinkedHashMap<>();

    public Defaults getDefaults() {
        return defaults;
    }

    public Modules getModules() {
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
    }

    /** {@code arcllm.modules.*}. */
    public static class Modules {

        /** Global retry settings. */
        private final Retry retry = new Retry();

        /** Global fallback settings. */
        private final Fallback fallback = new Fallback();

        /** Global telemetry settings (Micrometer observations and meters, when the application has a registry). */
        private final Telemetry telemetry = new Telemetry();

        /** Global rate-limit settings: client-side admission per provider, in memory or shared on Redis. */
        private final RateLimitProperties rateLimit = new RateLimitProperties();

        public Retry getRetry() {
            return retry;
        }

        public Fallback getFallback() {
            return fallback;
        }

        public Telemetry getTelemetry() {
            return telemetry;
        }

        public RateLimitProperties getRateLimit() {
            return rateLimit;
        }
    }

    /** {@code arcllm.modules.retry.*}. */
    public static class Retry {

        /** Whether providers without a retry override of their own are wrapped in the retry module. */
        private boolean enabled = false;

        /** How many times a failed call is repeated; 0 means one attempt only. */
        private int maxRetries = 3;

        /** Wait before the first retry, doubled for each further retry, plus random jitter up to the same amount. */
        private Duration backoffBase = Duration.ofSeconds(1);

        /** Longest wait between two attempts, whatever the backoff or the provider's Retry-After says. */
        private Duration maxWait = Duration.ofSeconds(60);

        /** HTTP statuses that are retried; connection failures and timeouts are always retried. */
        private List<Integer> retryableStatusCodes = new ArrayList<>(List.of(429, 500, 502, 503, 529));

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getMaxRetries() {
            return maxRetries;
        }

        public void setMaxRetries(int maxRetries) {
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

    /** {@code arcllm.modules.fallback.*}. */
    public static class Fallback {

        /** Whether providers without a fallback override of their own are wrapped in the fallback module. */
        private boolean enabled = false;

        /** Provider ids tried in order when a provider fails (at most 10); the failing provider's own id is skipped. */
        private List<String> chain = new ArrayList<>();

        /** Whether the chain is walked only after the primary's retries are exhausted (Fallback(Retry(adapter)) instead of Retry(Fallback(adapter))). */
        private boolean afterRetries = false;

        /** Errors that switch to the chain: any (every error), or a list of HTTP status codes and the words transport (connection failures) and timeout, e.g. [429, 500, 502, 503, 529, transport, timeout] to keep a 400 caused by the request from being hidden by a fallback. */
        private List<String> on = new ArrayList<>(FallbackConfig.DEFAULT_ON);

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public List<String> getChain() {
            return chain;
        }

        public void setChain(List<String> chain) {
            this.chain = chain;
        }

        public boolean isAfterRetries() {
            return afterRetries;
        }

        public void setAfterRetries(boolean afterRetries) {
            this.afterRetries = afterRetries;
        }

        public List<String> getOn() {
            return on;
        }

        public void setOn(List<String> on) {
            this.on = on;
        }
    }

    /** {@code arcllm.modules.telemetry.*}. */
    public static class Telemetry {

        /** Whether providers without a telemetry override of their own are observed: one gen_ai.client.operation observation per call, token, cost, retry and fallback meters. Takes effect when the application has an ObservationRegistry or MeterRegistry bean. */
        private boolean enabled = true;

        /** Whether prompts and completions are recorded on the observation (span attributes gen_ai.input.messages and gen_ai.output.messages); they may hold personal or secret data. */
        private boolean includeContent = false;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public boolean isIncludeContent() {
            return includeContent;
        }

        public void setIncludeContent(boolean includeContent) {
            this.includeContent = includeContent;
        }
    }
}
