package io.arcllm.adapter.internal;

import org.springframework.http.HttpHeaders;

/**
 * Hears each HTTP answer an adapter receives, before it is parsed or turned into an error: the status and the
 * response headers (e.g. a provider's {@code anthropic-ratelimit-*} / {@code x-ratelimit-*} headers). Modules
 * put a listener into the Reactor context of an attempt under {@link #CONTEXT_KEY}; adapters built on
 * {@link BaseAdapter} call it once per HTTP answer, for {@code invoke} and {@code stream} alike (for a stream as soon
 * as the headers arrive, before the body is read). Called on an I/O thread: it must be fast and must not throw.
 */
@FunctionalInterface
public interface ProviderResponseListener {

    /** The Reactor context key under which an attempt's listener is found. */
    Object CONTEXT_KEY = ProviderResponseListener.class;

    /**
     * @param provider the provider id that answered
     * @param status the HTTP status
     * @param headers the response headers (read only)
     */
    void onResponse(String provider, int status, HttpHeaders headers);
}
