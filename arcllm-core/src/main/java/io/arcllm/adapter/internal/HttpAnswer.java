package io.arcllm.adapter.internal;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.springframework.http.HttpHeaders;

/**
 * A provider's HTTP answer, read whole, as bytes: a successful answer is parsed from them without ever becoming a
 * {@code String}; {@link #body()} decodes them (UTF-8) for error messages and logs.
 *
 * @param status the HTTP status code
 * @param headers the response headers
 * @param bytes the body; empty when there was none. Not copied: do not change it
 */
public record HttpAnswer(int status, HttpHeaders headers, byte[] bytes) {

    /** Checks the parts. */
    public HttpAnswer {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(bytes, "bytes");
    }

    /** An answer whose body is {@code body}, UTF-8 encoded. */
    public HttpAnswer(int status, HttpHeaders headers, String body) {
        this(status, headers, Objects.requireNonNull(body, "body").getBytes(StandardCharsets.UTF_8));
    }

    /** The body as text (UTF-8, as JSON is sent); empty when there was none. Decoded at each call. */
    public String body() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Whether the status is 2xx. */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
