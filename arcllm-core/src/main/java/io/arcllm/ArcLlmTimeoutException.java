package io.arcllm;

import java.time.Duration;

/** The provider did not connect, or did not finish its answer, within the configured timeout. */
public class ArcLlmTimeoutException extends ArcLlmTransportException {

    private final Duration timeout;

    /** @param what which limit was hit: {@code "connect"} or {@code "read"} */
    public ArcLlmTimeoutException(String provider, String what, Duration timeout, Throwable cause) {
        super(provider, Failure.TIMEOUT, provider + " " + what + " timeout after " + timeout.toMillis() + " ms", cause);
        this.timeout = timeout;
    }

    /** The limit that was exceeded. */
    public Duration timeout() {
        return timeout;
    }
}
