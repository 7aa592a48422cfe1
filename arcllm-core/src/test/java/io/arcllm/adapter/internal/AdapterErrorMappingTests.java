package io.arcllm.adapter.internal;

import io.arcllm.adapter.internal.BaseAdapter;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.arcllm.adapter.internal.AdapterTestSupport.KEY;
import static io.arcllm.adapter.internal.AdapterTestSupport.assertKeyAbsent;
import static io.arcllm.adapter.internal.AdapterTestSupport.failure;
import static io.arcllm.adapter.internal.AdapterTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.arcllm.ArcLlmApiException;
import io.arcllm.ArcLlmParseException;
import io.arcllm.ArcLlmTimeoutException;
import io.arcllm.ArcLlmTransportException;
import io.arcllm.LlmRequest;
import io.arcllm.Message;
import io.arcllm.adapter.internal.AdapterTestSupport.Format;
import io.arcllm.config.ProviderSettings;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.web.reactive.function.client.WebClientException;
import tools.jackson.core.JacksonException;

/** How both adapters report what goes wrong: API errors, transport failures, timeouts, unreadable answers. */
class AdapterErrorMappingTests {

    @RegisterExtension
    static WireMockExtension wireMock = AdapterTestSupport.wireMock();

    private static final List<Message> HI = List.of(Message.user("Hi"));

    private static Throwable failureOf(Format format, UnaryOperator<ProviderSettings.Builder> settings) {
        try (BaseAdapter adapter = format.adapter(format.settings(wireMock.baseUrl(), settings))) {
            Throwable error = failure(adapter.invoke(HI));
            assertKeyAbsent(error);
            return error;
        }
    }

    private static Throwable failureOf(Format format) {
        return failureOf(format, UnaryOperator.identity());
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void rateLimitTakesRetryAfterMsOverRetryAfter(Format format) {
        wireMock.stubFor(format.endpoint().willReturn(aResponse().withStatus(429)
                .withHeader("retry-after-ms", "1500").withHeader("Retry-After", "30").withBody("{\"error\":\"rate_limit\"}")));

        ArcLlmApiException error = (ArcLlmApiException) failureOf(format);

        assertThat(error.statusCode()).isEqualTo(429);
        assertThat(error.provider()).isEqualTo(format.id);
        assertThat(error.retryAfter()).contains(Duration.ofMillis(1500));
        assertThat(error.body()).isEqualTo("{\"error\":\"rate_limit\"}");
        wireMock.verify(format.sentWithKey());
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void rateLimitReadsRetryAfterSeconds(Format format) {
        wireMock.stubFor(format.endpoint().willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2.5")));

        assertThat(((ArcLlmApiException) failureOf(format)).retryAfter()).contains(Duration.ofMillis(2500));
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void rateLimitReadsRetryAfterHttpDateAgainstTheClock(Format format) {
        wireMock.stubFor(format.endpoint().willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "Wed, 01 Jan 2025 00:00:30 GMT")));

        assertThat(((ArcLlmApiException) failureOf(format)).retryAfter()).contains(Duration.ofSeconds(30));
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void serverErrorIsAnApiErrorWithoutRetryAfter(Format format) {
        wireMock.stubFor(format.endpoint().willReturn(aResponse().withStatus(529).withBody("overloaded")));

        ArcLlmApiException error = (ArcLlmApiException) failureOf(format);

        assertThat(error.statusCode()).isEqualTo(529);
        assertThat(error.retryAfter()).isEmpty();
        assertThat(error).hasMessage(format.id + " API error: HTTP 529: overloaded");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void clientErrorKeepsTheWholeBodyButTruncatesTheMessage(Format format) {
        String body = "{\"error\":\"" + "x".repeat(3000) + "\"}";
        wireMock.stubFor(format.endpoint().willReturn(aResponse().withStatus(400).withBody(body)));

        ArcLlmApiException error = (ArcLlmApiException) failureOf(format);

        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(error.body()).isEqualTo(body);
        assertThat(error.getMessage()).startsWith(format.id + " API error: HTTP 400: {\"error\"").hasSizeLessThan(600);
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void masksTheKeyWhenAnErrorBodyEchoesIt(Format format) {
        wireMock.stubFor(format.endpoint().willReturn(aResponse().withStatus(401)
                .withBody("{\"error\":\"invalid key " + KEY + "\"}")));

        ArcLlmApiException error = (ArcLlmApiException) failureOf(format);

        assertThat(error.body()).isEqualTo("{\"error\":\"invalid key ****\"}");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void masksTheKeyWhenASuccessfulAnswerEchoesIt(Format format) {
        // The answer is parsed from bytes unless the key is in them: then from the masked text.
        wireMock.stubFor(format.endpoint().willReturn(json(format.okBody.replace("Hello", "your key is " + KEY))));

        try (BaseAdapter adapter = format.adapter(format.settings(wireMock.baseUrl(), b -> b))) {
            io.arcllm.LlmResponse response = adapter.invoke(HI).block(AdapterTestSupport.BLOCK);

            assertThat(response.content()).isEqualTo("your key is ****");
            assertThat(response.raw().toString()).contains("your key is ****").doesNotContain(KEY);
        }
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void connectionResetIsATransportErrorCausedByTheLowLevelException(Format format) {
        wireMock.stubFor(format.endpoint().willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        Throwable error = failureOf(format);

        assertThat(error).isExactlyInstanceOf(ArcLlmTransportException.class)
                .hasMessageStartingWith(format.id + " transport error: ");
        assertThat(error.getCause()).isInstanceOf(IOException.class).isNotInstanceOf(WebClientException.class);
        wireMock.verify(1, postRequestedFor(urlPathEqualTo(format.path))); // not retried behind the retry module's back
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void emptyResponseIsATransportError(Format format) {
        wireMock.stubFor(format.endpoint().willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

        Throwable error = failureOf(format);

        assertThat(error).isExactlyInstanceOf(ArcLlmTransportException.class);
        assertThat(error.getCause()).isNotNull().isNotInstanceOf(WebClientException.class);
        wireMock.verify(1, postRequestedFor(urlPathEqualTo(format.path))); // not retried behind the retry module's back
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void answerSlowerThanTheReadTimeoutIsATimeout(Format format) {
        wireMock.stubFor(format.endpoint().willReturn(json(format.okBody).withFixedDelay(1000)));
        try (BaseAdapter adapter = format.adapter(format.settings(wireMock.baseUrl(), s -> s.readTimeout(Duration.ofMillis(300))))) {
            Throwable error = failure(adapter.invoke(HI));

            // Without the timeout the answer would arrive after 1 s and the call would succeed.
            assertThat(error).isInstanceOf(ArcLlmTimeoutException.class).hasMessage(format.id + " read timeout after 300 ms");
            assertThat(((ArcLlmTimeoutException) error).timeout()).isEqualTo(Duration.ofMillis(300));
            assertKeyAbsent(error);
        }
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void closedPortIsATransportErrorNotATimeout(Format format) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (BaseAdapter adapter = format.adapter(format.settings("http://localhost:" + closedPort, UnaryOperator.identity()))) {
            Throwable error = failure(adapter.invoke(HI));

            assertThat(error).isExactlyInstanceOf(ArcLlmTransportException.class);
            assertThat(error.getCause()).isInstanceOf(ConnectException.class);
            assertKeyAbsent(error);
        }
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void malformedJsonIsAParseErrorCarryingTheRawBody(Format format) {
        wireMock.stubFor(format.endpoint().willReturn(json("{\"content\": [")));

        Throwable error = failureOf(format);

        assertThat(error).isInstanceOf(ArcLlmParseException.class).hasCauseInstanceOf(JacksonException.class);
        assertThat(((ArcLlmParseException) error).rawString()).isEqualTo("{\"content\": [");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void htmlInsteadOfJsonIsAParseError(Format format) {
        String html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
        wireMock.stubFor(format.endpoint().willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody(html)));

        Throwable error = failureOf(format);

        assertThat(error).isInstanceOf(ArcLlmParseException.class).hasMessageContaining("502 Bad Gateway");
        assertThat(((ArcLlmParseException) error).rawString()).isEqualTo(html);
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void answerMissingRequiredFieldsIsAParseErrorNamingTheField(Format format) {
        wireMock.stubFor(format.endpoint().willReturn(json("{\"id\":\"x\",\"model\":\"m\"}")));

        Throwable error = failureOf(format);

        assertThat(error).isInstanceOf(ArcLlmParseException.class)
                .hasMessageContaining(format == Format.ANTHROPIC ? "missing field content" : "missing field choices");
        assertThat(((ArcLlmParseException) error).rawString()).isEqualTo("{\"id\":\"x\",\"model\":\"m\"}");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void answerWithMistypedUsageIsAParseError(Format format) {
        wireMock.stubFor(format.endpoint().willReturn(json(format.okBody.replace(":10,", ":\"ten\","))));

        assertThat(failureOf(format)).isInstanceOf(ArcLlmParseException.class)
                .hasMessageContaining("must be a non-negative integer");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void answerOverTheSizeLimitIsAParseErrorNamingTheLimit(Format format) {
        String big = format.okBody.replace("Hello", "x".repeat(5000));
        wireMock.stubFor(format.endpoint().willReturn(json(big)));

        Throwable error = failureOf(format, s -> s.maxResponseBytes(1024));

        assertThat(error).isInstanceOf(ArcLlmParseException.class)
                .hasMessageContaining("exceeds max-response-size of 1024 bytes");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void errorAnswerOverTheSizeLimitKeepsItsStatus(Format format) {
        wireMock.stubFor(format.endpoint().willReturn(aResponse().withStatus(503).withBody("x".repeat(5000))));

        ArcLlmApiException error = (ArcLlmApiException) failureOf(format, s -> s.maxResponseBytes(1024));

        assertThat(error.statusCode()).isEqualTo(503);
        assertThat(error.body()).contains("exceeds max-response-size");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void redirectIsNotFollowedSoTheKeyNeverReachesItsTarget(Format format) {
        wireMock.stubFor(format.endpoint().willReturn(aResponse().withStatus(307)
                .withHeader("Location", wireMock.url("/elsewhere"))));
        wireMock.stubFor(get("/elsewhere").willReturn(json(format.okBody)));
        wireMock.stubFor(post("/elsewhere").willReturn(json(format.okBody)));

        ArcLlmApiException error = (ArcLlmApiException) failureOf(format);

        assertThat(error.statusCode()).isEqualTo(307);
        wireMock.verify(0, postRequestedFor(urlPathEqualTo("/elsewhere")));
        wireMock.verify(0, getRequestedFor(urlPathEqualTo("/elsewhere")));
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void streamingExtraIsRejectedBeforeAnythingIsSent(Format format) {
        try (BaseAdapter adapter = format.adapter(wireMock)) {
            Throwable error = failure(adapter.invoke(LlmRequest.builder().messages(HI).extras(Map.of("stream", true)).build()));

            assertThat(error).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("extras.stream");
            wireMock.verify(0, postRequestedFor(urlPathEqualTo(format.path)));
        }
    }
}
