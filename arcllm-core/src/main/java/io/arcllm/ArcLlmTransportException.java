package io.arcllm;

import java.util.Locale;

/**
 * The provider could not be reached, or the connection failed before the answer was complete. The
 * message names the provider and the {@link Failure kind of failure}, e.g. {@code "anthropic transport
 * error: connection refused"}; it never contains the peer's address, which stays in the cause (the
 * low-level error) for logs.
 */
public class ArcLlmTransportException extends ArcLlmException {

    /** What went wrong on the way to the provider. */
    public enum Failure {
        /** Nothing listens at the provider's address ({@code ECONNREFUSED}). */
        REFUSED("connection refused"),
        /** The peer reset the connection. */
        RESET("connection reset"),
        /** The connection closed before the answer was complete. */
        CLOSED("connection closed before the answer was complete"),
        /** The provider's host name could not be resolved. */
        DNS("host name could not be resolved (DNS)"),
        /** The TLS handshake or a TLS record failed (certificate, protocol, cipher). */
        TLS("TLS failure"),
        /** No pooled connection became free in time, or too many calls waited for one. */
        POOL("connection pool exhausted"),
        /** A connect or read timeout; see {@link ArcLlmTimeoutException}. */
        TIMEOUT("timeout"),
        /** Any other I/O failure. */
        OTHER("I/O failure");

        private final String description;

        Failure(String description) {
            this.description = description;
        }

        /** The kind in plain words, as it appears in messages. */
        public String description() {
            return description;
        }
    }

    private final String provider;
    private final Failure failure;

    /** A failure classified from {@code cause}, the low-level error. */
    public ArcLlmTransportException(String provider, Throwable cause) {
        this(provider, classify(cause), cause);
    }

    /** A failure of a known kind; {@code cause} is the low-level error. */
    public ArcLlmTransportException(String provider, Failure failure, Throwable cause) {
        this(provider, failure, provider + " transport error: " + failure.description(), cause);
    }

    /** For subclasses that write their own message; the kind is classified from {@code cause}. */
    protected ArcLlmTransportException(String provider, String message, Throwable cause) {
        this(provider, classify(cause), message, cause);
    }

    /** For subclasses that write their own message. */
    protected ArcLlmTransportException(String provider, Failure failure, String message, Throwable cause) {
        super(message, cause);
        this.provider = provider;
        this.failure = failure;
    }

    /**
     * The kind of failure the low-level error stands for, judged by its type and those of its causes
     * ({@code ConnectException}, {@code UnknownHostException}, {@code SSLException}, Reactor Netty's
     * premature-close and pool errors) and, for a bare I/O error, by the operating system's words.
     */
    public static Failure classify(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Failure failure = classifyOne(t);
            if (failure != Failure.OTHER) {
                return failure;
            }
        }
        return Failure.OTHER;
    }

    private static Failure classifyOne(Throwable t) {
        if (t instanceof java.net.ConnectException) {
            return Failure.REFUSED;
        }
        if (t instanceof java.net.UnknownHostException) {
            return Failure.DNS;
        }
        if (t instanceof javax.net.ssl.SSLException) {
            return Failure.TLS;
        }
        String type = t.getClass().getName();
        if (type.endsWith("PrematureCloseException")) {
            return Failure.CLOSED;
        }
        if (type.startsWith("reactor.netty.internal.shaded.reactor.pool.") || type.contains("PoolAcquire")) {
            return Failure.POOL;
        }
        if (type.contains("DnsNameResolver")) {
            return Failure.DNS;
        }
        String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
        if (message.contains("connection reset") || message.contains("broken pipe")) {
            return Failure.RESET;
        }
        if (message.contains("connection refused")) {
            return Failure.REFUSED;
        }
        return Failure.OTHER;
    }

    /** The provider id that could not be reached. */
    public String provider() {
        return provider;
    }

    /** The kind of failure. */
    public Failure failure() {
        return failure;
    }
}
