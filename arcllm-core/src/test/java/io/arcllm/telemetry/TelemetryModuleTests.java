package io.arcllm.telemetry;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.arcllm.ArcLlmApiException;
import io.arcllm.ArcLlmParseException;
import io.arcllm.ArcLlmTimeoutException;
import io.arcllm.ArcLlmTransportException;
import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.Message;
import io.arcllm.StopReason;
import io.arcllm.ToolCall;
import io.arcllm.ToolUseBlock;
import io.arcllm.Usage;
import io.arcllm.config.LoadOptions;
import io.arcllm.module.ModuleListener;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.Meter;
import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * One provider behind the telemetry module: what the observation, its timer and the token and cost meters
 * say after an answer, an error or a cancellation, and what is never recorded.
 */
class TelemetryModuleTests {

    private static final String SONNET = "claude-sonnet-4-20250514";
    private static final LlmRequest REQUEST = LlmRequest.builder().messages(List.of(Message.user("What is 2 + 2?")))
            .maxTokens(256).temperature(0.2).build();
    private static final LlmResponse ANSWER = new LlmResponse("4", List.of(), new Usage(100, 20, 1170, 1000, 50, null),
            SONNET, StopReason.END_TURN, null, null);

    private final TelemetryFixture fixture = new TelemetryFixture();

    private LlmProvider anthropic(LoadOptions options) {
        return fixture.registry().build().load("anthropic", null, options);
    }

    @Test
    void anAnswerIsOneStoppedObservationNamedAndTaggedAfterTheGenAiConventions() {
        fixture.adapters.script("anthropic", ANSWER);

        assertThat(anthropic(LoadOptions.none()).invoke(REQUEST).block()).isSameAs(ANSWER);

        assertThat(fixture.observations).hasSingleObservationThat()
                .hasNameEqualTo("gen_ai.client.operation")
                .hasContextualNameEqualTo("chat " + SONNET)
                .hasLowCardinalityKeyValue("gen_ai.operation.name", "chat")
                .hasLowCardinalityKeyValue("gen_ai.provider.name", "anthropic")
                .hasLowCardinalityKeyValue("gen_ai.request.model", SONNET)
                .hasLowCardinalityKeyValue("gen_ai.response.model", SONNET)
                .hasLowCardinalityKeyValue("error.type", "none")
                .hasHighCardinalityKeyValue("gen_ai.request.max_tokens", "256")
                .hasHighCardinalityKeyValue("gen_ai.request.temperature", "0.2")
                .hasHighCardinalityKeyValue("gen_ai.usage.input_tokens", "1150")
                .hasHighCardinalityKeyValue("gen_ai.usage.output_tokens", "20")
                .hasHighCardinalityKeyValue("gen_ai.usage.cache_read.input_tokens", "1000")
                .hasHighCardinalityKeyValue("gen_ai.usage.cache_creation.input_tokens", "50")
                .hasHighCardinalityKeyValue("gen_ai.response.finish_reasons", "[\"stop\"]")
                .hasHighCardinalityKeyValue("arcllm.retries", "0")
                .doesNotHaveHighCardinalityKeyValueWithKey("arcllm.fallback.provider")
                .doesNotHaveError()
                .hasBeenStopped();
        Meter timer = fixture.meters.get("gen_ai.client.operation.duration").tags("gen_ai.provider.name", "anthropic",
                "gen_ai.request.model", SONNET, "gen_ai.response.model", SONNET, "error.type", "none").timer();
        assertThat(fixture.meters.get("gen_ai.client.operation.duration").timer().count()).isEqualTo(1);
        assertThat(timer.getId().getTag("gen_ai.operation.name")).isEqualTo("chat");
        assertThat(fixture.meters.find("gen_ai.client.operation").timer()).as("renamed, not doubled").isNull();
    }

    @Test
    void anAnswerRecordsAllInputTokensOutputTokensAndItsCostFromTheCatalogIncludingCacheReadsAndWrites() {
        fixture.adapters.script("anthropic", ANSWER);

        anthropic(LoadOptions.none()).invoke(REQUEST).block();

        String[] tags = {"gen_ai.operation.name", "chat", "gen_ai.provider.name", "anthropic",
                "gen_ai.request.model", SONNET, "gen_ai.response.model", SONNET};
        assertThat(fixture.meters.get("gen_ai.client.token.usage").tags(tags).tag("gen_ai.token.type", "input")
                .summary().totalAmount()).isEqualTo(1150);
        assertThat(fixture.meters.get("gen_ai.client.token.usage").tags(tags).tag("gen_ai.token.type", "output")
                .summary().totalAmount()).isEqualTo(20);
        // Sonnet: $3 input, $15 output, $0.30 cache read, $3.75 cache write per 1M tokens.
        double expected = (100 * 3.00 + 20 * 15.00 + 1000 * 0.30 + 50 * 3.75) / 1_000_000;
        assertThat(fixture.meters.get("arcllm.usage.cost").tags(tags).counter().count()).isCloseTo(expected, within(1e-12));
        assertThat(fixture.meters.get("arcllm.usage.cost").counter().getId().getBaseUnit()).isEqualTo("usd");
    }

    @Test
    void aModelTheCatalogDoesNotKnowRecordsTokensButNoCost() {
        fixture.adapters.script("anthropic", new LlmResponse("4", new Usage(10, 2), "claude-next-preview", StopReason.END_TURN));

        anthropic(LoadOptions.none()).invoke(REQUEST).block();

        assertThat(fixture.meters.get("gen_ai.client.token.usage").tag("gen_ai.response.model", "claude-next-preview")
                .tag("gen_ai.token.type", "input").summary().totalAmount()).isEqualTo(10);
        assertThat(fixture.meters.find("arcllm.usage.cost").counters()).isEmpty();
    }

    @Test
    void eachFailureIsTaggedWithItsErrorTypeAndRecordsNoTokens() {
        Map<String, Throwable> failures = Map.of(
                "429", new ArcLlmApiException(429, "{\"error\": \"secret-ish body\"}", "anthropic"),
                "timeout", new ArcLlmTimeoutException("anthropic", "read", Duration.ofSeconds(60), null),
                "transport", new ArcLlmTransportException("anthropic", new IOException("connection reset")),
                "ArcLlmParseException", new ArcLlmParseException("<html>", null));

        failures.forEach((type, error) -> {
            fixture.observations.clear();
            fixture.adapters.script("anthropic", error);
            Throwable signalled = catchThrowable(() -> anthropic(LoadOptions.none()).invoke(REQUEST).block());

            assertThat(fixture.observations).hasSingleObservationThat()
                    .hasLowCardinalityKeyValue("error.type", type)
                    .hasLowCardinalityKeyValue("gen_ai.response.model", "none")
                    .hasError(error)
                    .doesNotHaveHighCardinalityKeyValueWithKey("gen_ai.usage.input_tokens")
                    .hasBeenStopped();
            assertThat(fixture.meters.get("gen_ai.client.operation.duration").tag("error.type", type).timer().count())
                    .isEqualTo(1);
            assertThat(signalled).as("reaches the caller unchanged").isSameAs(error);
        });
        assertThat(fixture.meters.find("gen_ai.client.token.usage").summaries()).isEmpty();
        assertThat(fixture.listener.calls()).extracting(ModuleListener.CallEvent::error)
                .containsExactlyInAnyOrderElementsOf(failures.values());
    }

    @Test
    void aCancelledCallIsStoppedAsCancelledAndReportsNoCall() {
        fixture.adapters.answer("anthropic", request -> Mono.never());

        Disposable call = anthropic(LoadOptions.none()).invoke(REQUEST).subscribe();
        assertThat(fixture.observations).hasSingleObservationThat().isNotStopped();
        call.dispose();

        assertThat(fixture.observations).hasSingleObservationThat()
                .hasLowCardinalityKeyValue("error.type", "cancelled")
                .hasBeenStopped();
        assertThat(fixture.listener.calls()).isEmpty();
    }

    @Test
    void promptAndAnswerAreNeverRecordedUnlessIncludeContentIsOn() {
        LlmResponse toolCall = new LlmResponse(null, List.of(new ToolCall("toolu_1", "calculate", Map.of("expression", "2+2"))),
                new Usage(10, 5), SONNET, StopReason.TOOL_USE, null, null);
        LlmRequest conversation = LlmRequest.of(List.of(Message.system("Be brief."), Message.user("What is 2 + 2?"),
                Message.assistant(List.of(new ToolUseBlock("toolu_0", "lookup", Map.of("q", "sum")))),
                Message.tool("toolu_0", "addition")));
        fixture.adapters.script("anthropic", toolCall, toolCall);

        anthropic(LoadOptions.none()).invoke(conversation).block();
        assertThat(fixture.observations).hasSingleObservationThat()
                .doesNotHaveHighCardinalityKeyValueWithKey("gen_ai.input.messages")
                .doesNotHaveHighCardinalityKeyValueWithKey("gen_ai.output.messages");

        fixture.observations.clear();
        anthropic(LoadOptions.builder().telemetry(t -> t.includeContent(true)).build()).invoke(conversation).block();
        assertThat(fixture.observations).hasSingleObservationThat()
                .hasHighCardinalityKeyValue("gen_ai.input.messages", "["
                        + "{\"role\":\"system\",\"parts\":[{\"type\":\"text\",\"content\":\"Be brief.\"}]},"
                        + "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"What is 2 + 2?\"}]},"
                        + "{\"role\":\"assistant\",\"parts\":[{\"type\":\"tool_call\",\"id\":\"toolu_0\",\"name\":\"lookup\","
                        + "\"arguments\":{\"q\":\"sum\"}}]},"
                        + "{\"role\":\"tool\",\"parts\":[{\"type\":\"tool_call_response\",\"id\":\"toolu_0\",\"response\":\"addition\"}]}]")
                .hasHighCardinalityKeyValue("gen_ai.output.messages", "[{\"role\":\"assistant\",\"parts\":["
                        + "{\"type\":\"tool_call\",\"id\":\"toolu_1\",\"name\":\"calculate\",\"arguments\":{\"expression\":\"2+2\"}}],"
                        + "\"finish_reason\":\"tool_call\"}]")
                .hasHighCardinalityKeyValue("gen_ai.response.finish_reasons", "[\"tool_call\"]");
    }

    @Test
    void theObservationIsAChildOfTheCallersAndTheCurrentOneForTheAdapter() {
        AtomicReference<Object> seenByAdapter = new AtomicReference<>();
        fixture.adapters.answer("anthropic", request -> Mono.deferContextual(context -> {
            seenByAdapter.set(context.getOrDefault(ObservationThreadLocalAccessor.KEY, null));
            return Mono.just(ANSWER);
        }));
        Observation parent = Observation.start("agent.step", fixture.observations);

        anthropic(LoadOptions.none()).invoke(REQUEST)
                .contextWrite(context -> context.put(ObservationThreadLocalAccessor.KEY, parent)).block();
        parent.stop();

        assertThat(fixture.observations).hasObservationWithNameEqualTo("gen_ai.client.operation").that()
                .hasParentObservationEqualTo(parent);
        assertThat(seenByAdapter.get()).isInstanceOfSatisfying(Observation.class,
                current -> assertThat(current.getContext()).isInstanceOf(LlmObservationContext.class));
    }

    @Test
    void aCustomConventionNamesAndTagsTheObservation() {
        fixture.adapters.script("anthropic", ANSWER);
        LlmObservationConvention withTeam = new DefaultLlmObservationConvention() {
            @Override
            public KeyValues getLowCardinalityKeyValues(LlmObservationContext context) {
                return super.getLowCardinalityKeyValues(context).and("team", "agents");
            }
        };
        ArcLlmTelemetry telemetry = ArcLlmTelemetry.builder().observationRegistry(fixture.observations)
                .convention(withTeam).build();

        fixture.registry().telemetry(telemetry).build().load("anthropic").invoke(REQUEST).block();

        assertThat(fixture.observations).hasSingleObservationThat().hasLowCardinalityKeyValue("team", "agents")
                .hasLowCardinalityKeyValue("gen_ai.provider.name", "anthropic");
        assertThat(fixture.meters.find("gen_ai.client.token.usage").summaries())
                .as("no meter registry given to this telemetry: observations only").isEmpty();
    }

    @Test
    void eachEndedCallIsReportedToTheListenersWithWhoAnswered() {
        fixture.adapters.script("anthropic", ANSWER);

        anthropic(LoadOptions.none()).invoke(REQUEST).block();

        assertThat(fixture.listener.calls()).singleElement().satisfies(call -> {
            assertThat(call.provider()).isEqualTo("anthropic");
            assertThat(call.answeredBy()).isEqualTo("anthropic");
            assertThat(call.model()).isEqualTo(SONNET);
            assertThat(call.succeeded()).isTrue();
        });
    }
}
