package io.arcllm.module.internal;

import java.util.Set;

import io.arcllm.ArcLlmApiException;
import io.arcllm.ArcLlmTimeoutException;
import io.arcllm.ArcLlmTransportException;

/**
 * The one rule for "is this failure transient?", shared by the retry module (what it retries) and the
 * circuit breaker (what it counts as a failure of the provider):
 * <ul>
 *   <li>an {@link ArcLlmApiException} whose provider sent {@code x-should-retry: true} or {@code false}:
 *       that verdict, whatever the status;</li>
 *   <li>any other {@link ArcLlmApiException}: whether its status is one of the retryable statuses;</li>
 *   <li>an {@link ArcLlmTransportException} (connection failures, timeouts): always, except a passed call
 *       deadline ({@link ArcLlmTimeoutException#isDeadline()}), which is the caller's limit;</li>
 *   <li>anything else (parse errors, an open circuit, invalid requests, programming errors): never.</li>
 * </ul>
 */
public final class RetryableErrors {

    private RetryableErrors() {
    }

    /**
     * Whether {@code error} is transient under the rule above.
     *
     * @param retryableStatusCodes the HTTP statuses retried when the provider gave no verdict
     */
    public static boolean isRetryable(Throwable error, Set<Integer> retryableStatusCodes) {
        if (error instanceof ArcLlmApiException api) {
            return api.shouldRetry().orElseGet(() -> retryableStatusCodes.contains(api.statusCode()));
        }
        if (error instanceof ArcLlmTimeoutException timeout && timeout.isDeadline()) {
            return false;
        }
        return error instanceof ArcLlmTransportException;
    }
}
