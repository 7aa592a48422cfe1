package io.arcllm.config;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.arcllm.ArcLlmConfigException;
import io.arcllm.internal.Durations;
import io.arcllm.internal.Immutables;
import org.jspecify.annotations.Nullable;

/**
 * Everything an adapter needs to talk to one provider id. Immutable; derive changed copies with
 * {@link #toBuilder()}. {@link #toString()} never shows the API key.
 *
 * @param id the provider id ({@code anthropic}, {@code openai}, or any configured id)
 * @param apiFormat the wire protocol
 * @param connection where the provider is, its key and the HTTP client's limits (base URL, key, connect and read
 *     timeouts, max response size, max connections, HTTP version); this record's accessors of the same names read it
 * @param defaultModel the model used when none is named
 * @param streamFirstEventTimeout for a streamed answer (which the read timeout does not bound), time allowed from
 *     sending the request to the first server-sent event
 * @param streamIdleTimeout for a streamed answer, time allowed between two events once the first arrived;
 *     keep-alives (Anthropic's {@code ping} events, SSE comments) count as events
 * @param defaultMaxTokens max tokens of a request that names none (capped at the model's max output tokens)
 * @param models per-model metadata, by model name
 * @param keyRequired whether the provider needs an API key; a key-optional provider (a local server such as
 *     Ollama or vLLM) starts without one and then sends no authentication header
 * @param dialect the variant of {@link #apiFormat()} the provider speaks, e.g. {@code mistral} or {@code ollama}
 *     for the OpenAI format (see {@code io.arcllm.adapter.internal.OpenAiDialect}); null means the format's reference
 *     dialect ({@code openai} or {@code anthropic})
 */
public record ProviderSettings(String id, ApiFormat apiFormat, ConnectionSettings connection, String defaultModel,
                               int defaultMaxTokens, Map<String, ModelMetadata> models, boolean keyRequired,
                               @Nullable String dialect, Duration streamFirstEventTimeout, Duration streamIdleTimeout) {

    /** Default time allowed to connect. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Default time allowed for a whole answer. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);
    /** Default time allowed until a stream's first event: 60 s, as for a whole answer. */
    public static final Duration DEFAULT_STREAM_FIRST_EVENT_TIMEOUT = Duration.ofSeconds(60);
    /** Default time allowed between two events of a stream: 60 s. */
    public static final Duration DEFAULT_STREAM_IDLE_TIMEOUT = Duration.ofSeconds(60);
    /** Default largest answer body: 16 MB. */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 16L * 1024 * 1024;
    /**
     * Default max tokens of a request that sets none: 4,096, or the model's max output tokens if lower. Not the
     * model's maximum, because providers count {@code max_tokens} against output-token rate limits when the
     * request is admitted, and an answer that long would not fit the default read timeout.
     */
    public static final int DEFAULT_MAX_TOKENS = 4096;
    /**
     * Default most connections per provider: 1,000. With HTTP/1.1 that is 1,000 calls in flight to one provider;
     * calls beyond wait for a free connection, within their read timeout and deadline.
     */
    public static final int DEFAULT_MAX_CONNECTIONS = 1000;
    /** Default HTTP version: HTTP/1.1, which every provider speaks. */
    public static final HttpVersion DEFAULT_HTTP_VERSION = HttpVersion.HTTP_1_1;

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    /**
     * Validates.
     *
     * @throws ArcLlmConfigException naming the property that is wrong
     */
    public ProviderSettings {
        validateId(id);
        Objects.requireNonNull(apiFormat, "apiFormat");
        Objects.requireNonNull(connection, "connection");
        if (defaultModel == null || defaultModel.isBlank()) {
            throw ArcLlmConfigException.of("arcllm.providers." + id + ".default-model", "must not be blank");
        }
        requirePositive(id, "stream-first-event-timeout", streamFirstEventTimeout);
        requirePositive(id, "stream-idle-timeout", streamIdleTimeout);
        if (defaultMaxTokens < 1) {
            throw ArcLlmConfigException.of("arcllm.providers." + id + ".default-max-tokens", "must be > 0, was " + defaultMaxTokens);
        }
        models = Immutables.copyOf(models);
        if (dialect != null && dialect.isBlank()) {
            dialect = null;
        }
    }

    /**
     * Checks a provider id: a lower-case letter, then up to 63 lower-case letters, digits or {@code _}.
     *
     * @throws ArcLlmConfigException if it is not one
     */
    public static String validateId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new ArcLlmConfigException("invalid provider id '" + id
                    + "': use a lower-case letter, then lower-case letters, digits or '_' (at most 64 characters)");
        }
        return id;
    }

    /**
     * Requires {@code https} for any host that is not loopback, so an API key never crosses a network in clear text.
     *
     * @throws ArcLlmConfigException if the URL is missing, relative, not http(s), or plain http to a non-loopback host
     */
    public static void requireSecureUrl(String id, URI url) {
        checkSecureUrl("arcllm.providers." + id + ".base-url", url);
    }

    /** As {@link #requireSecureUrl}, naming {@code property}. */
    static void checkSecureUrl(String property, @Nullable URI url) {
        if (url == null || url.getScheme() == null || url.getHost() == null) {
            throw ArcLlmConfigException.of(property, "must be an absolute http(s) URL, was " + url);
        }
        String scheme = url.getScheme().toLowerCase();
        if (scheme.equals("https")) {
            return;
        }
        if (!scheme.equals("http")) {
            throw ArcLlmConfigException.of(property, "must use https, was " + url);
        }
        if (!isLoopback(url.getHost())) {
            throw ArcLlmConfigException.of(property, "uses http:// for non-loopback host '" + url.getHost()
                    + "'; the API key would travel unencrypted. Use https:// (http is allowed only for localhost/127.0.0.1/[::1])");
        }
    }

    private static boolean isLoopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        // Only literal addresses: never resolve a name here (no DNS at configuration time).
        if (!bare.matches("[0-9.]+") && !bare.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static void requirePositive(String id, String property, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw ArcLlmConfigException.of("arcllm.providers." + id + "." + property, "must be > 0, was " + Durations.format(value));
        }
    }

    /** Scheme, host and optional port (and path prefix) of the provider: {@code connection().baseUrl()}. */
    public URI baseUrl() {
        return connection.baseUrl();
    }

    /** The environment variable read for the key when none is given: {@code connection().apiKeyEnv()}. */
    public String apiKeyEnv() {
        return connection.apiKeyEnv();
    }

    /** The key given explicitly, or null to read {@link #apiKeyEnv()}: {@code connection().apiKey()}. */
    public @Nullable ApiKey apiKey() {
        return connection.apiKey();
    }

    /** Time allowed to open a connection: {@code connection().connectTimeout()}. */
    public Duration connectTimeout() {
        return connection.connectTimeout();
    }

    /** Time allowed for a whole answer: {@code connection().readTimeout()}. */
    public Duration readTimeout() {
        return connection.readTimeout();
    }

    /** The largest answer body accepted: {@code connection().maxResponseBytes()}. */
    public long maxResponseBytes() {
        return connection.maxResponseBytes();
    }

    /** Most connections open to the provider at once: {@code connection().maxConnections()}. */
    public int maxConnections() {
        return connection.maxConnections();
    }

    /** The HTTP version spoken to the provider: {@code connection().httpVersion()}. */
    public HttpVersion httpVersion() {
        return connection.httpVersion();
    }

    /**
     * The key to send: {@link #apiKey()} if given, else the environment variable {@link #apiKeyEnv()}.
     *
     * @param env looks up environment variables ({@code System::getenv} in production)
     * @throws ArcLlmConfigException naming the variable (never a value) when there is no key
     */
    public ApiKey resolveApiKey(Function<String, String> env) {
        if (apiKey() != null) {
            return apiKey();
        }
        String value = env.apply(apiKeyEnv());
        if (value == null || value.isBlank()) {
            throw ArcLlmConfigException.of("arcllm.providers." + id + ".api-key", "is not set: no API key for provider '"
                    + id + "'; set the environment variable " + apiKeyEnv() + " or arcllm.providers." + id + ".api-key");
        }
        return ApiKey.of(value);
    }

    /**
     * The key to send, if any: as {@link #resolveApiKey}, except that a key-optional provider without a key
     * gives empty instead of failing.
     *
     * @throws ArcLlmConfigException when the provider requires a key and has none
     */
    public Optional<ApiKey> resolveOptionalApiKey(Function<String, String> env) {
        return keyRequired || hasApiKey(env) ? Optional.of(resolveApiKey(env)) : Optional.empty();
    }

    /** Whether a key is available, given explicitly or in the environment. */
    public boolean hasApiKey(Function<String, String> env) {
        if (apiKey() != null) {
            return true;
        }
        String value = env.apply(apiKeyEnv());
        return value != null && !value.isBlank();
    }

    /** The catalog's metadata for a model, if it has any. */
    public Optional<ModelMetadata> model(String modelName) {
        return Optional.ofNullable(models.get(modelName));
    }

    /**
     * Max tokens for a request that names none: {@link #defaultMaxTokens()} ({@value #DEFAULT_MAX_TOKENS} unless
     * configured), or the model's max output tokens when the catalog knows the model and that is lower.
     */
    public int maxTokensFor(String modelName) {
        return model(modelName).map(model -> Math.min(model.maxOutputTokens(), defaultMaxTokens)).orElse(defaultMaxTokens);
    }

    /** A builder pre-filled with these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A builder with defaults for everything but id, format, base URL, key variable and model. */
    public static Builder builder(String id, ApiFormat apiFormat) {
        return new Builder(id, apiFormat);
    }

    @Override
    public String toString() {
        return "ProviderSettings[id=" + id + ", apiFormat=" + apiFormat + ", connection=" + connection
                + ", defaultModel=" + defaultModel + ", streamFirstEventTimeout=" + streamFirstEventTimeout
                + ", streamIdleTimeout=" + streamIdleTimeout + ", defaultMaxTokens=" + defaultMaxTokens
                + ", models=" + models.keySet() + ", keyRequired=" + keyRequired + ", dialect=" + dialect + "]";
    }

    /** Builds {@link ProviderSettings}; validation happens in {@link #build()}. */
    public static final class Builder {
        private String id;
        private ApiFormat apiFormat;
        private @Nullable URI baseUrl;
        private @Nullable String apiKeyEnv;
        private @Nullable ApiKey apiKey;
        private @Nullable String defaultModel;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private Duration streamFirstEventTimeout = DEFAULT_STREAM_FIRST_EVENT_TIMEOUT;
        private Duration streamIdleTimeout = DEFAULT_STREAM_IDLE_TIMEOUT;
        private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
        private int defaultMaxTokens = DEFAULT_MAX_TOKENS;
        private Map<String, ModelMetadata> models = Map.of();
        private boolean keyRequired = true;
        private @Nullable String dialect;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private HttpVersion httpVersion = DEFAULT_HTTP_VERSION;

        private Builder(String id, ApiFormat apiFormat) {
            this.id = id;
            this.apiFormat = apiFormat;
        }

        private Builder(ProviderSettings base) {
            this(base.id, base.apiFormat);
            baseUrl = base.baseUrl();
            apiKeyEnv = base.apiKeyEnv();
            apiKey = base.apiKey();
            defaultModel = base.defaultModel;
            connectTimeout = base.connectTimeout();
            readTimeout = base.readTimeout();
            streamFirstEventTimeout = base.streamFirstEventTimeout;
            streamIdleTimeout = base.streamIdleTimeout;
            maxResponseBytes = base.maxResponseBytes();
            defaultMaxTokens = base.defaultMaxTokens;
            models = base.models;
            keyRequired = base.keyRequired;
            dialect = base.dialect;
            maxConnections = base.maxConnections();
            httpVersion = base.httpVersion();
        }

        /** Sets the provider id; {@link #build()} checks it as {@link #validateId} does. */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /** Sets the wire protocol the provider speaks. */
        public Builder apiFormat(ApiFormat apiFormat) {
            this.apiFormat = apiFormat;
            return this;
        }

        /** Sets scheme, host, optional port and path prefix, without {@code /v1}; https unless the host is loopback. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = URI.create(baseUrl);
            return this;
        }

        /** As {@link #baseUrl(String)}. */
        public Builder baseUrl(URI baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /** Sets the environment variable read for the key when none is given explicitly. */
        public Builder apiKeyEnv(String apiKeyEnv) {
            this.apiKeyEnv = apiKeyEnv;
            return this;
        }

        /** Sets the key explicitly; null falls back to the environment variable. */
        public Builder apiKey(@Nullable ApiKey apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /** Sets the key explicitly from text; null or blank falls back to the environment variable. */
        public Builder apiKey(@Nullable String apiKey) {
            this.apiKey = apiKey == null || apiKey.isBlank() ? null : ApiKey.of(apiKey);
            return this;
        }

        /** Sets the model used when a call names none. */
        public Builder defaultModel(String defaultModel) {
            this.defaultModel = defaultModel;
            return this;
        }

        /** Sets the time allowed to open a connection (default {@link #DEFAULT_CONNECT_TIMEOUT}, must be positive). */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** Time allowed from sending a streamed request to its first event. */
        public Builder streamFirstEventTimeout(Duration streamFirstEventTimeout) {
            this.streamFirstEventTimeout = streamFirstEventTimeout;
            return this;
        }

        /** Time allowed between two events of a stream. */
        public Builder streamIdleTimeout(Duration streamIdleTimeout) {
            this.streamIdleTimeout = streamIdleTimeout;
            return this;
        }

        /** Sets the time allowed for a whole answer, from sending to its last byte (default {@link #DEFAULT_READ_TIMEOUT}, must be positive). */
        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
            return this;
        }

        /** Sets the largest answer body accepted, in bytes (default {@link #DEFAULT_MAX_RESPONSE_BYTES}, must be positive). */
        public Builder maxResponseBytes(long maxResponseBytes) {
            this.maxResponseBytes = maxResponseBytes;
            return this;
        }

        /** Sets the answer token limit for requests that set none (default {@link #DEFAULT_MAX_TOKENS}, or the model's maximum if lower). */
        public Builder defaultMaxTokens(int defaultMaxTokens) {
            this.defaultMaxTokens = defaultMaxTokens;
            return this;
        }

        /** Replaces the model metadata. */
        public Builder models(Map<String, ModelMetadata> models) {
            this.models = models;
            return this;
        }

        /** Adds or replaces one model's metadata. */
        public Builder model(String name, ModelMetadata metadata) {
            Map<String, ModelMetadata> copy = new java.util.LinkedHashMap<>(models);
            copy.put(name, metadata);
            this.models = copy;
            return this;
        }

        /** Sets whether the provider needs an API key (default true); false for local servers. */
        public Builder keyRequired(boolean keyRequired) {
            this.keyRequired = keyRequired;
            return this;
        }

        /** Sets the dialect of the API format; null for the format's reference dialect. */
        public Builder dialect(@Nullable String dialect) {
            this.dialect = dialect;
            return this;
        }

        /** Sets every connection setting at once: base URL, key, timeouts, max response size, max connections, HTTP version. */
        public Builder connection(ConnectionSettings connection) {
            baseUrl = connection.baseUrl();
            apiKeyEnv = connection.apiKeyEnv();
            apiKey = connection.apiKey();
            connectTimeout = connection.connectTimeout();
            readTimeout = connection.readTimeout();
            maxResponseBytes = connection.maxResponseBytes();
            maxConnections = connection.maxConnections();
            httpVersion = connection.httpVersion();
            return this;
        }

        /**
         * Sets the most connections open to the provider at once (default {@value ProviderSettings#DEFAULT_MAX_CONNECTIONS}); at
         * least 1, checked by {@link #build()}.
         */
        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        /** Sets the HTTP version spoken to the provider (default {@link HttpVersion#HTTP_1_1}). */
        public Builder httpVersion(HttpVersion httpVersion) {
            this.httpVersion = httpVersion;
            return this;
        }

        /** @throws ArcLlmConfigException naming the property that is wrong */
        public ProviderSettings build() {
            validateId(id);
            ConnectionSettings connection;
            try {
                connection = new ConnectionSettings(baseUrl, apiKeyEnv, apiKey, connectTimeout, readTimeout,
                        maxResponseBytes, maxConnections, httpVersion);
            } catch (ArcLlmConfigException e) {
                throw ArcLlmConfigException.of("arcllm.providers." + id + "." + e.property().orElse("connection"), e.problem());
            }
            return new ProviderSettings(id, apiFormat, connection, defaultModel, defaultMaxTokens, models, keyRequired,
                    dialect, streamFirstEventTimeout, streamIdleTimeout);
        }
    }
}
