package io.arcllm.test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.arcllm.ArcLlmApiException;
import io.arcllm.ArcLlmStreamInterruptedException;
import io.arcllm.ArcLlmTransportException;
import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.LlmStreamCollector;
import io.arcllm.LlmStreamEvent;
import io.arcllm.Message;
import io.arcllm.ProviderRegistry;
import io.arcllm.StopReason;
import io.arcllm.ToolCall;
import io.arcllm.config.ModuleDefaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Scripted streams, read through ArcLLM's real adapters ({@code LlmProvider.stream}) over real HTTP. */
class StreamScriptingTests {

    @RegisterExtension
    static final ArcLlmStubsExtension llm = ArcLlmStubsExtension.of("anthropic", "openai");

    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "openai"})
    void streamsTheDeltasAsNormalizedEventsAndRecordsTheStreamRequest(String id) {
        llm.provider(id).streams("Hel", "lo", " world");

        List<LlmStreamEvent> events = stream(llm.registry(), id);

        assertThat(events.get(0)).isInstanceOf(LlmStreamEvent.Start.class);
        assertThat(events).filteredOn(LlmStreamEvent.TextDelta.class::isInstance)
                .containsExactly(new LlmStreamEvent.TextDelta("Hel"), new LlmStreamEvent.TextDelta("lo"),
                        new LlmStreamEvent.TextDelta(" world"));
        assertThat(events.get(events.size() - 1)).isEqualTo(new LlmStreamEvent.Stop(StopReason.END_TURN));
        LlmResponse collected = LlmStreamCollector.collect(Flux.fromIterable(events)).block();
        assertThat(collected.content()).isEqualTo("Hello world");
        assertThat(collected.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(collected.usage().inputTokens()).isEqualTo(10);
        assertThat(collected.usage().outputTokens()).isEqualTo(3);
        assertThat(collected.model()).isEqualTo(llm.provider(id).lastRequest().model());

        ReceivedRequest sent = llm.provider(id).lastRequest();
        assertThat(sent.stream()).isTrue();
        assertThat(sent.lastUserText()).isEqualTo("Hi");
        assertThat(sent.header("accept")).hasValueSatisfying(accept -> assertThat(accept).contains("text/event-stream"));
        if (id.equals("openai")) {
            assertThat(sent.body()).contains("\"stream_options\":{\"include_usage\":true}");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "openai"})
    void anAnswerFollowsTheRequestStreamedOrWhole(String id) {
        llm.provider(id).answers("Paris").then().streams("Bon", "jour");

        assertThat(collect(llm.registry(), id).content()).isEqualTo("Paris");
        try (LlmProvider provider = llm.registry().load(id)) {
            assertThat(provider.invoke(ask()).block(Duration.ofSeconds(30)).content()).isEqualTo("Bonjour");
        }

        assertThat(llm.provider(id).requests()).extracting(ReceivedRequest::stream).containsExactly(true, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "openai"})
    void streamsAToolCall(String id) {
        llm.provider(id).answersWithToolCall("get_weather", Map.of("city", "Paris"));

        List<LlmStreamEvent> events = stream(llm.registry(), id);

        assertThat(events).filteredOn(LlmStreamEvent.ToolCallStarted.class::isInstance).singleElement()
                .isInstanceOfSatisfying(LlmStreamEvent.ToolCallStarted.class, started -> {
                    assertThat(started.name()).isEqualTo("get_weather");
                    assertThat(started.id()).startsWith(id.equals("anthropic") ? "toolu_stub_" : "call_stub_");
                });
        assertThat(events).filteredOn(LlmStreamEvent.ToolCallArgumentsDelta.class::isInstance).hasSize(2)
                .map(event -> ((LlmStreamEvent.ToolCallArgumentsDelta) event).fragment())
                .containsExactly("{\"city\":", "\"Paris\"}");
        LlmResponse collected = LlmStreamCollector.collect(Flux.fromIterable(events)).block();
        assertThat(collected.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(collected.toolCalls()).extracting(ToolCall::name, ToolCall::arguments)
                .containsExactly(tuple("get_weather", Map.of("city", "Paris")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "openai"})
    void aStreamThatBreaksAfterContentIsInterruptedWithThePartialTextAndNotRetried(String id) {
        llm.provider(id).streamsThenBreaks("The capital ", "is").then().streams("never sent");

        assertThatThrownBy(() -> collect(withRetry(), id))
                .isInstanceOfSatisfying(ArcLlmStreamInterruptedException.class, e -> {
                    assertThat(e.provider()).isEqualTo(id);
                    assertThat(e.partialResponse().content()).isEqualTo("The capital is");
                    assertThat(e.getCause()).isInstanceOf(ArcLlmTransportException.class);
                });
        assertThat(llm.provider(id).attempts()).isEqualTo(1);
    }

    @Test
    void aStreamThatBreaksBeforeContentIsRetried() {
        llm.provider("openai").streamsThenBreaks().then().streams("second try");

        assertThat(collect(withRetry(), "openai").content()).isEqualTo("second try");
        assertThat(llm.provider("openai").attempts()).isEqualTo(2);
    }

    @Test
    void aWholeRequestToABreakingStreamGetsAResetConnection() {
        llm.provider("anthropic").streamsThenBreaks("x");

        try (LlmProvider provider = llm.registry().load("anthropic")) {
            assertThatThrownBy(() -> provider.invoke(ask()).block(Duration.ofSeconds(30)))
                    .isInstanceOf(ArcLlmTransportException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "openai"})
    void scriptedErrorsReachAStreamBeforeItStarts(String id) {
        llm.provider(id).failsWith(429, Duration.ofSeconds(3));

        assertThatThrownBy(() -> collect(llm.registry(), id)).isInstanceOfSatisfying(ArcLlmApiException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(429);
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
            assertThat(e.body()).contains("rate_limit");
        });
        assertThat(llm.provider(id).lastRequest().stream()).isTrue();
    }

    @Test
    void retriesAnOverloadedStreamThenStreams() {
        llm.provider("anthropic").isOverloaded().then().streams("Hel", "lo");

        assertThat(collect(withRetry(), "anthropic").content()).isEqualTo("Hello");
        assertThat(llm.provider("anthropic").attempts()).isEqualTo(2);
        assertThat(llm.provider("anthropic").requests()).allSatisfy(sent -> assertThat(sent.stream()).isTrue());
    }

    @Test
    void fallsBackToTheNextProvidersStreamWhenThePrimaryIsOverloaded() {
        llm.provider("anthropic").isOverloaded();
        llm.provider("openai").streams("Bon", "jour");
        ProviderRegistry registry = llm.registryBuilder()
                .modules(ModuleDefaults.builder().fallbackEnabled(true).fallback(f -> f.chain("openai")).build()).build();

        assertThat(collect(registry, "anthropic").content()).isEqualTo("Bonjour");
        assertThat(llm.stubs().attempts()).isEqualTo(Map.of("anthropic", 1, "openai", 1));
        assertThat(llm.provider("openai").lastRequest().stream()).isTrue();
        assertThat(llm.provider("openai").lastRequest().lastUserText()).isEqualTo("Hi");
    }

    @Test
    void aStreamedAnswerNeedsAtLeastOneDelta() {
        assertThatThrownBy(() -> llm.provider("openai").streams()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one text delta");
    }

    private static ProviderRegistry withRetry() {
        return llm.registryBuilder().modules(ModuleDefaults.builder().retryEnabled(true)
                .retry(r -> r.maxRetries(2).backoffBase(Duration.ofMillis(1))).build()).build();
    }

    private static LlmRequest ask() {
        return LlmRequest.of(List.of(Message.user("Hi")));
    }

    private static List<LlmStreamEvent> stream(ProviderRegistry registry, String id) {
        try (LlmProvider provider = registry.load(id)) {
            return provider.stream(ask()).collectList().block(Duration.ofSeconds(30));
        }
    }

    private static LlmResponse collect(ProviderRegistry registry, String id) {
        try (LlmProvider provider = registry.load(id)) {
            return LlmStreamCollector.collect(provider.stream(ask())).block(Duration.ofSeconds(30));
        }
    }
}
