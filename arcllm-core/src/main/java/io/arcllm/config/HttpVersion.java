package io.arcllm.config;

/**
 * The HTTP version an adapter speaks to its provider ({@code arcllm.providers.<id>.http-version}).
 *
 * <p>With {@link #HTTP_1_1} every call in flight holds a connection of its own, so
 * {@code max-connections} bounds the calls in flight to that provider. With {@link #H2} calls share
 * connections as HTTP/2 streams: each connection carries as many calls at once as the server allows
 * (its {@code SETTINGS_MAX_CONCURRENT_STREAMS}, typically 100 or more), so a handful of connections serve
 * thousands of calls.
 */
public enum HttpVersion {

    /** HTTP/1.1, one call per connection at a time (the default; every provider speaks it). */
    HTTP_1_1,

    /**
     * HTTP/2. Over {@code https} the version is negotiated with ALPN, falling back to HTTP/1.1 when the server
     * does not offer {@code h2}; over plain {@code http} (a loopback server) it is h2c with prior knowledge, so
     * the server must speak HTTP/2 without an upgrade.
     */
    H2
}
