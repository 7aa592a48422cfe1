package io.arcllm;

/** The provider could not be reached: connection refused or reset, TLS failure, DNS. The cause is the low-level error. */
public class ArcLlmTransportException extends ArcLlmException {

    private final String provider;

    public ArcLlmTransportException(String provider, Throwable cause) {
        this(provider, provider + " transport error: " + describe(cause), cause);
    }

    protected ArcLlmTransportException(String provider, String message, Throwable cause) {
        super(message, cause);
        this.provider = provider;
    }

    static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown";
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** The provider id that could not be reached. */
    public String provider() {
        return provider;
    }
}
