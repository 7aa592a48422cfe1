package io.arcllm.config;

import java.net.URI;
import java.time.Duration;

import io.arcllm.ArcLlmConfigException;
import io.arcllm.internal.Durations;
import org.jspecify.annotations.Nullable;

/**
 * How an adapter reaches one provider: where, with which key, and its HTTP client's limits. Held by
 * {@link ProviderSettings#connection()}, whose builder sets each value by name. {@link #toString()} never shows the key.
 *
 * @param baseUrl scheme, host and optional port (and path prefix); {@code https} unless the host is loopback
 * @param apiKeyEnv the environment variable read for the key when {@code apiKey} is not given
 * @param apiKey the key given explicitly, or null to read {@code apiKeyEnv}
 * @param connectTimeout time allowed to open a connection
 * @param readTimeout time allowed for the whole answer, from sending the request to its last byte
 * @param maxResponseBytes the largest answer body accepted
 * @param maxConnections most connections open to the provider at once; calls beyond them wait, without a thread,
 *     for a free one, within their read timeout and deadline (HTTP/1.1: one call per connection; HTTP/2: many)
 * @param httpVersion the HTTP version spoken to the provider
 */
public record ConnectionSettings(URI baseUrl, String apiKeyEnv, @Nullable ApiKey apiKey, Duration connectTimeout,
                                 Duration readTimeout, long maxResponseBytes, int maxConnections, HttpVersion httpVersion) {

    /**
     * Validates.
     *
     * @throws ArcLlmConfigException naming the setting that is wrong relative to the provider (e.g. {@code read-timeout});
     *     {@link ProviderSettings.Builder#build()} names it in full ({@code arcllm.providers.<id>.read-timeout})
     */
    public ConnectionSettings {
        ProviderSettings.checkSecureUrl("base-url", baseUrl);
        if (apiKeyEnv == null || apiKeyEnv.isBlank()) {
            throw ArcLlmConfigException.of("api-key-env", "must not be blank");
        }
        requirePositive("connect-timeout", connectTimeout);
        requirePositive("read-timeout", readTimeout);
        if (maxResponseBytes < 1) {
            throw ArcLlmConfigException.of("max-response-size", "must be > 0, was " + maxResponseBytes);
        }
        if (maxConnections < 1) {
            throw ArcLlmConfigException.of("max-connections", "must be >= 1, was " + maxConnections);
        }
        if (httpVersion == null) {
            throw ArcLlmConfigException.of("http-version", "must be set (http1_1 or h2)");
        }
    }

    private static void requirePositive(String property, @Nullable Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw ArcLlmConfigException.of(property, "must be > 0, was " + Durations.format(value));
        }
    }

    @Override
    public String toString() {
        return "ConnectionSettings[baseUrl=" + baseUrl + ", apiKeyEnv=" + apiKeyEnv + ", apiKey="
                + (apiKey == null ? "<from env>" : "****") + ", connectTimeout=" + connectTimeout + ", readTimeout="
                + readTimeout + ", maxResponseBytes=" + maxResponseBytes + ", maxConnections=" + maxConnections
                + ", httpVersion=" + httpVersion + "]";
    }
}
