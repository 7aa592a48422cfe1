package io.arcllm.stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.arcllm.ArcLlmApiException;
import io.arcllm.ArcLlmStreamInterruptedException;
import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.LlmStreamCollector;
import io.arcllm.LlmStreamEvent;
import io.arcllm.LlmStreamEvent.Start;
import io.arcllm.LlmStreamEvent.Stop;
import io.arcllm.LlmStreamEvent.TextDelta;
import io.arcllm.Message;
import io.arcllm.StopReason;
import io.arcllm.adapter.internal.AnthropicAdapter;
import io.arcllm.adapter.internal.StreamFixtures;
import io.arcllm.config.ApiFormat;
import io.arcllm.config.ApiKey;
import io.arcllm.config.FallbackConfig;
import io.arcllm.config.ProviderSettings;
import io.arcllm.config.RetryConfig;
import io.arcllm.module.internal.FallbackModule;
import io.arcllm.module.JitterSource;
import io.arcllm.module.internal.RetryModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Retry and fallback on streams: every failure before the first content event is handled as for invoke, and the
 * subscriber sees one clean stream; after it, the stream ends with an interruption and nothing is tried again.
 */
class ResilientStreamTests {

    @RegisterExtension
    static WireMockExtension wireMock = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final LlmRequest REQUEST = LlmRequest.of(List.of(Message.user("Hi")));
    private static final RetryConfig RETRY = RetryConfig.builder().maxRetries(2).backoffBase(Duration.ofMillis(1)).build();

    private static LlmProvider anthropic() {
        ProviderSettings settings = ProviderSettings.builder("anthropic", ApiFormat.ANTHROPIC).baseUrl(wireMock.baseUrl())
                .apiKeyEnv("ANTHROPIC_API_KEY").defaultModel("claude-test").build();
        return new AnthropicAdapter(settings, "claude-test", WebClient.builder(), ApiKey.of("sk-ant-test-key-1234"));
    }

    private static void serveInOrder(String... bodies) {
        String state = STARTED;
        for (int i = 0; i < bodies.length; i++) {
            String next = "attempt " + (i + 2);
            wireMock.stubFor(post(urlPathEqualTo("/v1/messages")).inScenario("attempts").whenScenarioStateIs(state)
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream")
                            .withBody(bodies[i].getBytes(StandardCharsets.UTF_8)))
                    .willSetStateTo(next));
            state = next;
        }
    }

    @Test
    void anOverloadedErrorEventBeforeTheFirstTokenIsRetriedTransparently() {
        String overloaded = StreamFixtures.anthropicEvent("message_start", """
                {"type":"message_start","message":{"model":"claude-test","usage":{"input_tokens":10,"output_tokens":1}}}""")
                + StreamFixtures.anthropicEvent("ping", "{\"type\":\"ping\"}")
                + StreamFixtures.anthropicError("overloaded_error", "Overloaded");
        serveInOrder(overloaded, StreamFixtures.anthropicText("end_turn", "Hel", "lo"));
        List<LlmStreamEvent> seen = new CopyOnWriteArrayList<>();

        try (LlmProvider model = new RetryModule(RETRY, anthropic(), null, JitterSource.none())) {
            LlmResponse response = LlmStreamCollector.collect(model.stream(REQUEST).doOnNext(seen::add)).block(Duration.ofSeconds(10));
            assertThat(response.content()).isEqualTo("Hello");
        }

        assertThat(seen).filteredOn(Start.class::isInstance).as("one clean stream: one start").hasSize(1);
        assertThat(seen).filteredOn(TextDelta.class::isInstance).containsExactly(new TextDelta("Hel"), new TextDelta("lo"));
        wireMock.verify(2, postRequestedFor(urlPathEqualTo("/v1/messages")));
    }

    @Test
    void anErrorEventAfterTheFirstTokenIsNeverRetried() {
        String whole = StreamFixtures.anthropicText("end_turn", "Hel", "lo");
        String broken = whole.substring(0, whole.indexOf("event: content_block_stop"))
                + StreamFixtures.anthropicError("overloaded_error", "Overloaded");
        serveInOrder(broken, whole);

        Throwable error;
        try (LlmProvider model = new RetryModule(RETRY, anthropic(), null, JitterSource.none())) {
            error = catchThrowable(() -> model.stream(REQUEST).blockLast(Duration.ofSeconds(10)));
        }

        assertThat(error).isInstanceOf(ArcLlmStreamInterruptedException.class).hasCauseInstanceOf(ArcLlmApiException.class);
        assertThat(((ArcLlmStreamInterruptedException) error).partialResponse().content()).isEqualTo("Hello");
        wireMock.verify(1, postRequestedFor(urlPathEqualTo("/v1/messages")));
    }

    @Test
    void aPrimaryThatFailsBeforeContentFallsBackToOneCleanStream() {
        AtomicInteger fallbackCalls = new AtomicInteger();
        LlmProvider primary = streaming("anthropic", Flux.concat(Flux.just(new Start("claude")),
                Flux.error(new ArcLlmApiException(529, "overloaded_error", "anthropic"))));
        LlmProvider backup = streaming("openai", Flux.defer(() -> {
            fallbackCalls.incrementAndGet();
            return Flux.just(new Start("gpt"), new TextDelta("from openai"), new Stop(StopReason.END_TURN));
        }));
        LlmProvider model = new FallbackModule(FallbackConfig.builder().chain("openai").build(), primary, id -> backup);

        List<LlmStreamEvent> events = model.stream(REQUEST).collectList().block(Duration.ofSeconds(5));

        assertThat(events).containsExactly(new Start("gpt"), new TextDelta("from openai"), new Stop(StopReason.END_TURN));
        assertThat(fallbackCalls).hasValue(1);
    }

    @Test
    void aPrimaryThatFailsAfterContentIsInterruptedAndNoFallbackIsTried() {
        AtomicInteger fallbackCalls = new AtomicInteger();
        LlmProvider primary = streaming("anthropic", Flux.concat(Flux.just(new Start("claude"), new TextDelta("Hel")),
                Flux.error(new ArcLlmApiException(529, "overloaded_error", "anthropic"))));
        LlmProvider backup = streaming("openai", Flux.defer(() -> {
            fallbackCalls.incrementAndGet();
            return Flux.just(new Start("gpt"), new Stop(StopReason.END_TURN));
        }));
        LlmProvider model = new FallbackModule(FallbackConfig.builder().chain("openai").build(), primary, id -> backup);
        List<LlmStreamEvent> seen = new CopyOnWriteArrayList<>();

        Throwable error = catchThrowable(() -> model.stream(REQUEST).doOnNext(seen::add).blockLast(Duration.ofSeconds(5)));

        assertThat(seen).containsExactly(new Start("claude"), new TextDelta("Hel"));
        assertThat(error).isInstanceOf(ArcLlmStreamInterruptedException.class);
        assertThat(((ArcLlmStreamInterruptedException) error).partialResponse().content()).isEqualTo("Hel");
        assertThat(fallbackCalls).hasValue(0);
    }

    private static LlmProvider streaming(String name, Flux<LlmStreamEvent> events) {
        return new LlmProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String modelName() {
                return name + "-model";
            }

            @Override
            public Mono<LlmResponse> invoke(LlmRequest request) {
                return Mono.error(new AssertionError("stream only"));
            }

            @Override
            public Flux<LlmStreamEvent> stream(LlmRequest request) {
                return events;
            }
        };
    }
}
