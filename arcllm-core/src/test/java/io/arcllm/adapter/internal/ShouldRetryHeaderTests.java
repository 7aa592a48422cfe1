package io.arcllm.adapter.internal;

import io.arcllm.adapter.internal.BaseAdapter;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static io.arcllm.adapter.internal.AdapterTestSupport.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.arcllm.ArcLlmApiException;
import io.arcllm.Message;
import io.arcllm.adapter.internal.AdapterTestSupport.Format;
import io.arcllm.adapter.internal.ShouldRetry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Both adapters read the providers' {@code x-should-retry} verdict into {@link ArcLlmApiException#shouldRetry()}. */
class ShouldRetryHeaderTests {

    @RegisterExtension
    static WireMockExtension wireMock = AdapterTestSupport.wireMock();

    private static ArcLlmApiException errorFor(Format format, int status, String header) {
        var response = aResponse().withStatus(status).withBody("{\"error\":\"x\"}");
        if (header != null) {
            response = response.withHeader("x-should-retry", header);
        }
        wireMock.stubFor(format.endpoint().willReturn(response));
        try (BaseAdapter adapter = format.adapter(format.settings(wireMock.baseUrl(), b -> b))) {
            ArcLlmApiException error = (ArcLlmApiException) failure(adapter.invoke(List.of(Message.user("Hi"))));
            wireMock.verify(format.sentWithKey());
            return error;
        }
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void falseOnA503IsKept(Format format) {
        ArcLlmApiException error = errorFor(format, 503, "false");

        assertThat(error.statusCode()).isEqualTo(503);
        assertThat(error.shouldRetry()).contains(false);
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void trueOnA400IsKept(Format format) {
        ArcLlmApiException error = errorFor(format, 400, " TRUE ");

        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(error.shouldRetry()).contains(true);
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void noHeaderOrAnUnreadableOneMeansNoVerdict(Format format) {
        assertThat(errorFor(format, 529, null).shouldRetry()).isEmpty();
        assertThat(errorFor(format, 529, "maybe").shouldRetry()).isEmpty();
    }

    @Test
    void onlyTrueAndFalseAreUnderstood() {
        assertThat(ShouldRetry.parse("false")).isFalse();
        assertThat(ShouldRetry.parse("True")).isTrue();
        assertThat(ShouldRetry.parse("1")).isNull();
        assertThat(ShouldRetry.parse("")).isNull();
        assertThat(ShouldRetry.parse(null)).isNull();
    }
}
