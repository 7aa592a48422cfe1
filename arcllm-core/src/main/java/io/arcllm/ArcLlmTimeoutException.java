package io.arcllm;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Time ran out: the provider did not connect, or did not finish its answer, within the configured timeout;
 * or the whole call's deadline ({@code arcllm.defaults.timeout}, a provider's {@code timeout}, or
 * {@link LlmRequest#timeout()}) passed across its retries and fallbacks ({@link #isDeadline()}). A deadline is
 * the caller's limit, not a fault of the provider: it is neither retried nor counted by a circuit breaker.
 */
public class ArcLlmTimeoutException extends ArcLlmTransportException {

    private static final String DEADLINE = "deadline";

    private final Duration timeout;
    private final String what;
    private final int attempts;
    private final List<String> providers;

    /** @param what which limit was hit: {@code "connect"} or {@code "read"} */
    public ArcLlmTimeoutException(String provider, String what, Duration timeout, Throwable cause) {
        super(provider, Failure.TIMEOUT, provider + " " + what + " timeout after " + timeout.toMillis() + " ms", cause);
        this.timeout = timeout;
        this.what = what;
        this.attempts = 1;
        this.providers = List.of(provider);
    }

    private ArcLlmTimeoutException(Duration deadline, int attempts, List<String> providers, @Nullable Throwable cause) {
        super(providers.isEmpty() ? "" : providers.get(0), deadlineMessage(deadline, attempts, providers), cause);
        this.timeout = deadline;
        this.what = DEADLINE;
        this.attempts = attempts;
        this.providers = List.copyOf(providers);
    }

    /**
     * The error of a call whose deadline passed.
     *
     * @param deadline the time the call was given
     * @param attempts how many attempts were sent, over every retry and fallback
     * @param providers the provider ids tried, in order
     */
    public static ArcLlmTimeoutException deadline(Duration deadline, int attempts, List<String> providers,
                                                  @Nullable Throwable cause) {
        return new ArcLlmTimeoutException(deadline, attempts, providers, cause);
    }

    private static String deadlineMessage(Duration deadline, int attempts, List<String> providers) {
        return "deadline of " + format(deadline) + " passed after " + attempts + " attempt(s)"
                + (providers.isEmpty() ? "" : " on " + String.join(", ", providers));
    }

    private static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis < 1000 ? millis + "ms" : java.math.BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
    }

    /** The limit that was exceeded: the connect or read timeout, or the call's deadline. */
    public Duration timeout() {
        return timeout;
    }

    /** Whether the call's deadline passed (rather than one attempt's connect or read timeout). */
    public boolean isDeadline() {
        return DEADLINE.equals(what);
    }

    /** How many attempts the call made before time ran out: 1 for a connect or read timeout. */
    public int attempts() {
        return attempts;
    }

    /** The provider ids tried before time ran out, in order. */
    public List<String> providers() {
        return providers;
    }
}
