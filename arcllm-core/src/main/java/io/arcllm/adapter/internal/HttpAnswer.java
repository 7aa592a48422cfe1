package io.arcllm.adapter.internal;

import java.util.Objects;

import org.springframework.http.HttpHeaders;

/**
 * A provider's HTTP answer, read whole.
 *
 * @param status the HTTP status code
 * @param headers the response headers
 * @param body the body as text; empty when there was none
 */
public record HttpAnswer(int status, HttpHeaders headers, String body) {

    /** Checks the parts. */
    public HttpAnswer {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
    }

    /** Whether the status is 2xx. */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
