package io.arcllm.adapter.internal;

import io.arcllm.adapter.internal.BaseAdapter;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static io.arcllm.adapter.internal.AdapterTestSupport.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.arcllm.ArcLlmTimeoutException;
import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.LlmStreamEvent;
import io.arcllm.Message;
import io.arcllm.ProviderRegistry;
import io.arcllm.adapter.internal.AdapterTestSupport.Format;
import io.arcllm.config.FallbackConfig;
import io.arcllm.config.ProviderCatalog;
import io.arcllm.config.ProviderSettings;
import io.arcllm.internal.ProviderHandle;
import io.arcllm.module.internal.DeadlineModule;
import io.arcllm.module.internal.FallbackModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A call's deadline over real HTTP: the adapter caps its read timeout at the time left, and the caller's
 * {@link ArcLlmTimeoutException} names the deadline, the attempts sent and the providers tried. A request's own
 * timeout bounds a call to a bare adapter (every module off), whole answers and streams alike.
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

    /** A registry with every module off whose {@code anthropic} is the WireMock server (read timeout 60 s). */
    private static ProviderRegistry bareRegistry() {
        ProviderCatalog builtIn = ProviderCatalog.builtIn();
        ProviderSettings anthropic = builtIn.find("anthropic").orElseThrow().toBuilder()
                .baseUrl(wireMock.baseUrl()).readTimeout(Duration.ofSeconds(60)).build();
        return ProviderRegistry.builder().catalog(builtIn.with(anthropic))
                .env(name -> "ANTHROPIC_API_KEY".equals(name) ? AdapterTestSupport.KEY : null).build();
    }

    /**
     * One quick exchange first (its own question), so the first call's connection set-up, which takes a second on a
     * loaded machine, is not what the deadline cuts.
     */
    private static void warmUp(LlmProvider model) {
        wireMock.stubFor(Format.ANTHROPIC.endpoint().atPriority(1).withRequestBody(containing("warm up"))
                .willReturn(AdapterTestSupport.json(Format.ANTHROPIC.okBody)));
        AdapterTestSupport.call(model.invoke(LlmRequest.of(List.of(Message.user("warm up")))));
    }

    @Test
    void aRequestsOwnTimeoutBoundsACallToABareAdapter() {
        wireMock.stubFor(Format.ANTHROPIC.endpoint().willReturn(AdapterTestSupport.json(Format.ANTHROPIC.okBody)
                .withFixedDelay(4_000)));
        try (ProviderRegistry registry = bareRegistry(); LlmProvider model = registry.load("anthropic")) {
            assertThat(ProviderHandle.unwrap(model)).as("no module at all").isInstanceOf(AnthropicAdapter.class);
            warmUp(model);
            LlmRequest hurried = REQUEST.toBuilder().timeout(Duration.ofMillis(400)).build();

            long start = System.nanoTime();
            Throwable error = failure(model.invoke(hurried));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(error).isInstanceOfSatisfying(ArcLlmTimeoutException.class, timeout -> {
                assertThat(timeout.isDeadline()).isTrue();
                assertThat(timeout.getMessage()).isEqualTo("deadline of 400ms passed after 1 attempt(s) on anthropic");
            });
        }
        // Sent once, as usual; the timeout is a call option, never part of the body.
        wireMock.verify(1, Format.ANTHROPIC.sentWithKey()
                .withRequestBody(matchingJsonPath("$.messages[0].content[0].text", equalTo("Hi")))
                .withRequestBody(matchingJsonPath("$.timeout", absent())));
    }

    @Test
    void aStreamToABareAdapterIsCutAtTheRequestsTimeoutKeepingWhatArrived() {
        String[] parts = new String[40];
        java.util.Arrays.setAll(parts, i -> "w" + i + " ");
        // The whole stream trickles over 8 s, in 80 pieces; the deadline is 1.5 s.
        wireMock.stubFor(Format.ANTHROPIC.endpoint().willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream; charset=utf-8")
                .withBody(StreamFixtures.anthropicText("end_turn", parts))
                .withChunkedDribbleDelay(80, 8_000)));
        List<LlmStreamEvent> received = new CopyOnWriteArrayList<>();
        Throwable error;
        long start;
        try (ProviderRegistry registry = bareRegistry(); LlmProvider model = registry.load("anthropic")) {
            warmUp(model);
            start = System.nanoTime();
            LlmRequest hurried = REQUEST.toBuilder().timeout(Duration.ofMillis(1500)).build();
            error = org.assertj.core.api.Assertions.catchThrowable(() -> model.stream(hurried)
                    .doOnNext(received::add).blockLast(Duration.ofSeconds(6)));
        }

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(received).as("events delivered before the deadline stay delivered")
                .anyMatch(event -> event instanceof LlmStreamEvent.TextDelta);
        String deliveredText = received.stream().filter(LlmStreamEvent.TextDelta.class::isInstance)
                .map(event -> ((LlmStreamEvent.TextDelta) event).text()).collect(java.util.stream.Collectors.joining());
        assertThat(error).isInstanceOfSatisfying(io.arcllm.ArcLlmStreamInterruptedException.class, interrupted -> {
            assertThat(interrupted.provider()).isEqualTo("anthropic");
            assertThat(interrupted.partialResponse().content()).isEqualTo(deliveredText);
            assertThat(interrupted.getCause()).isInstanceOfSatisfying(ArcLlmTimeoutException.class, timeout -> {
                assertThat(timeout.isDeadline()).isTrue();
                assertThat(timeout.getMessage()).isEqualTo("deadline of 1.5s passed after 1 attempt(s) on anthropic");
            });
        });
        assertThat(received).noneMatch(event -> event instanceof LlmStreamEvent.Stop);
        wireMock.verify(1, Format.ANTHROPIC.sentWithKey()
                .withHeader("Accept", containing("text/event-stream"))
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.messages[0].content[0].text", equalTo("Hi"))));
    }
}
