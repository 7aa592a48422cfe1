package io.arcllm.adapter.internal;

import io.arcllm.adapter.internal.BaseAdapter;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static io.arcllm.adapter.internal.AdapterTestSupport.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.arcllm.ArcLlmTimeoutException;
import io.arcllm.LlmRequest;
import io.arcllm.Message;
import io.arcllm.adapter.internal.AdapterTestSupport.Format;
import io.arcllm.config.FallbackConfig;
import io.arcllm.module.DeadlineModule;
import io.arcllm.module.internal.FallbackModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A call's deadline over real HTTP: the adapter caps its read timeout at the time left, and the caller's
 * {@link ArcLlmTimeoutException} names the deadline, the attempts sent and the providers tried.
 */
class DeadlineOverHttpTests {

    @RegisterExtension
    static WireMockExtension wireMock = AdapterTestSupport.wireMock();

    private static final LlmRequest REQUEST = LlmRequest.of(List.of(Message.user("Hi")));

    private static BaseAdapter adapter(Format format) {
        return format.adapter(format.settings(wireMock.baseUrl(), b -> b.readTimeout(Duration.ofSeconds(60))));
    }

    @Test
    void aSlowAnswerIsCutAtTheDeadlineNotAtTheReadTimeout() {
        wireMock.stubFor(Format.ANTHROPIC.endpoint().willReturn(AdapterTestSupport.json(Format.ANTHROPIC.okBody)
                .withFixedDelay(4_000)));
        try (BaseAdapter anthropic = adapter(Format.ANTHROPIC)) {
            long start = System.nanoTime();
            Throwable error = failure(new DeadlineModule(anthropic, Duration.ofMillis(400), null).invoke(REQUEST));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(error).isInstanceOfSatisfying(ArcLlmTimeoutException.class, timeout -> {
                assertThat(timeout.isDeadline()).isTrue();
                assertThat(timeout.getMessage()).isEqualTo("deadline of 400ms passed after 1 attempt(s) on anthropic");
            });
        }
        wireMock.verify(Format.ANTHROPIC.sentWithKey());
    }

    @Test
    void aDeadlinePassingDuringAFallbackNamesEveryProviderTried() {
        wireMock.stubFor(Format.ANTHROPIC.endpoint().willReturn(aResponse().withStatus(503)));
        wireMock.stubFor(Format.OPENAI.endpoint().willReturn(AdapterTestSupport.json(Format.OPENAI.okBody)
                .withFixedDelay(8_000)));
        try (BaseAdapter anthropic = adapter(Format.ANTHROPIC); BaseAdapter openai = adapter(Format.OPENAI)) {
            FallbackModule fallback = new FallbackModule(FallbackConfig.builder().chain("openai").build(), anthropic,
                    (id, excluded) -> new io.arcllm.module.BaseModule(openai) {
                        @Override
                        public void close() {
                        }
                    });

            Throwable error = failure(new DeadlineModule(fallback, Duration.ofSeconds(3), null).invoke(REQUEST));

            assertThat(error).hasMessage("deadline of 3s passed after 2 attempt(s) on anthropic, openai");
        }
        wireMock.verify(Format.ANTHROPIC.sentWithKey());
        wireMock.verify(Format.OPENAI.sentWithKey());
    }
}
