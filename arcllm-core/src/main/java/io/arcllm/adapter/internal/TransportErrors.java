package io.arcllm.adapter.internal;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.arcllm.ArcLlmException;
import io.arcllm.ArcLlmParseException;
import io.arcllm.ArcLlmTimeoutException;
import io.arcllm.ArcLlmTransportException;
import io.netty.channel.ConnectTimeoutException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * Translates what WebClient, Reactor Netty and Reactor signal during an exchange into ArcLLM's
 * exception tree, keeping the low-level error as the cause:
 * <ul>
 *   <li>the whole-answer timeout ({@link TimeoutException}) → {@link ArcLlmTimeoutException} {@code "read"};</li>
 *   <li>Netty's {@link ConnectTimeoutException} → {@link ArcLlmTimeoutException} {@code "connect"};</li>
 *   <li>a body over {@code max-response-size} ({@link DataBufferLimitException}) → {@link ArcLlmParseException}
 *       with an empty raw string: the answer cannot be read, and retrying the same request is unlikely to help;</li>
 *   <li>anything else (refused, reset, premature close, TLS, DNS, pool exhaustion) → {@link ArcLlmTransportException}
 *       whose cause is the low-level exception, unwrapped from {@link WebClientRequestException}, and whose message
 *       names the provider and the {@link ArcLlmTransportException.Failure kind of failure} but never the peer's
 *       address (the cause keeps it, for logs).</li>
 * </ul>
 * {@link ArcLlmException}s pass unchanged.
 */
public final class TransportErrors {

    private final String provider;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final long maxResponseBytes;

    /** Translates for one provider, naming its limits in messages. */
    public TransportErrors(String provider, Duration connectTimeout, Duration readTimeout, long maxResponseBytes) {
        this.provider = provider;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.maxResponseBytes = maxResponseBytes;
    }

    /** The ArcLLM exception for a failed exchange. */
    public ArcLlmException translate(Throwable error) {
        if (error instanceof ArcLlmException arcLlm) {
            return arcLlm;
        }
        if (error instanceof TimeoutException) {
            return new ArcLlmTimeoutException(provider, "read", readTimeout, error);
        }
        Throwable lowLevel = error instanceof WebClientRequestException && error.getCause() != null ? error.getCause() : error;
        if (find(error, ConnectTimeoutException.class) != null) {
            return new ArcLlmTimeoutException(provider, "connect", connectTimeout, lowLevel);
        }
        if (find(error, DataBufferLimitException.class) != null) {
            return tooLarge(error);
        }
        return new ArcLlmTransportException(provider, lowLevel);
    }

    /** The error for an answer body larger than {@code max-response-size}. */
    public ArcLlmParseException tooLarge(Throwable cause) {
        return new ArcLlmParseException(provider + " response: the body exceeds max-response-size of "
                + maxResponseBytes + " bytes", "", cause);
    }

    private static <T extends Throwable> @Nullable T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
