package io.arcllm.adapter.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLHandshakeException;

import io.arcllm.ArcLlmApiException;
import io.arcllm.ArcLlmException;
import io.arcllm.ArcLlmParseException;
import io.arcllm.ArcLlmTimeoutException;
import io.arcllm.ArcLlmTransportException;
import io.netty.channel.ConnectTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/** The cases WireMock cannot stage reliably (a connect that hangs) and the unwrapping rules. */
class TransportErrorsTests {

    private final TransportErrors errors = new TransportErrors("anthropic", Duration.ofSeconds(2), Duration.ofSeconds(30), 1024);

    private static WebClientRequestException wrapped(Throwable cause) {
        return new WebClientRequestException(cause, HttpMethod.POST, URI.create("https://api.example.com/v1/messages"),
                new HttpHeaders());
    }

    @Test
    void connectTimeoutIsATimeoutNamingTheConnectLimit() {
        ConnectTimeoutException lowLevel = new ConnectTimeoutException("connection timed out after 2000 ms: api.example.com");

        Throwable error = errors.translate(wrapped(lowLevel));

        assertThat(error).isInstanceOf(ArcLlmTimeoutException.class).hasMessage("anthropic connect timeout after 2000 ms")
                .hasCause(lowLevel);
        assertThat(((ArcLlmTimeoutException) error).timeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void wholeAnswerTimeoutIsAReadTimeout() {
        assertThat(errors.translate(new TimeoutException("Did not observe any item or terminal signal within 30000ms")))
                .isInstanceOf(ArcLlmTimeoutException.class).hasMessage("anthropic read timeout after 30000 ms");
    }

    @Test
    void connectionFailureIsATransportErrorCausedByTheUnwrappedException() {
        IOException lowLevel = new IOException("Connection reset by peer");

        assertThat(errors.translate(wrapped(lowLevel))).isExactlyInstanceOf(ArcLlmTransportException.class).hasCause(lowLevel);
    }

    @Test
    void oversizedBodyIsAParseErrorNamingTheLimit() {
        assertThat(errors.translate(new DataBufferLimitException("Exceeded limit on max bytes to buffer : 1024")))
                .isInstanceOf(ArcLlmParseException.class).hasMessageContaining("exceeds max-response-size of 1024 bytes");
    }

    @Test
    void arcLlmExceptionsPassUnchanged() {
        ArcLlmApiException api = new ArcLlmApiException(500, "boom", "anthropic");

        assertThat(errors.translate(api)).isSameAs(api);
    }

    @Test
    void eachKindOfFailureIsNamedWithoutThePeersAddress() {
        Map<Throwable, String> cases = new LinkedHashMap<>();
        cases.put(new ConnectException("Connection refused: /10.1.2.3:18199"), "connection refused");
        cases.put(new IOException("recvAddress(..) failed: Connection reset by peer /10.1.2.3:443"), "connection reset");
        cases.put(new UnknownHostException("llm-gateway.internal.corp: Name or service not known"), "host name could not be resolved (DNS)");
        cases.put(new SSLHandshakeException("PKIX path building failed for 10.1.2.3"), "TLS failure");
        cases.put(new IOException("something odd at 10.1.2.3"), "I/O failure");

        cases.forEach((lowLevel, kind) -> {
            ArcLlmException error = errors.translate(wrapped(lowLevel));

            assertThat(error).isExactlyInstanceOf(ArcLlmTransportException.class)
                    .hasMessage("anthropic transport error: " + kind).hasCause(lowLevel);
            assertThat(error.getMessage()).doesNotContain("10.1.2.3").doesNotContain("internal.corp").doesNotContain("Exception");
        });
    }

    @Test
    void theKindIsReadableForCallers() {
        ArcLlmTransportException refused = (ArcLlmTransportException) errors.translate(wrapped(new ConnectException("x")));
        ArcLlmTransportException tls = (ArcLlmTransportException) errors.translate(
                wrapped(new IOException("handshake", new SSLHandshakeException("bad certificate"))));

        assertThat(refused.failure()).isEqualTo(ArcLlmTransportException.Failure.REFUSED);
        assertThat(tls.failure()).isEqualTo(ArcLlmTransportException.Failure.TLS);
        assertThat(((ArcLlmTransportException) errors.translate(new TimeoutException())).failure())
                .isEqualTo(ArcLlmTransportException.Failure.TIMEOUT);
    }
}
