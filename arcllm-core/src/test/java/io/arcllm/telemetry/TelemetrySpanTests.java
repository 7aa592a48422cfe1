package io.arcllm.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.arcllm.ArcLlmApiException;
import io.arcllm.LlmResponse;
import io.arcllm.Message;
import io.arcllm.ProviderRegistry;
import io.arcllm.StopReason;
import io.arcllm.Usage;
import io.arcllm.module.FakeAdapters;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * With a tracer bridge the observation is a span named {@code chat {model}} with the GenAI attributes, the parent of
 * the adapter's HTTP client span; the prompt and the answer are not on it.
 */
class TelemetrySpanTests {

    private static final String SONNET = "claude-sonnet-4-20250514";

    private final SimpleTracer tracer = new SimpleTracer();
    private final ObservationRegistry observations = ObservationRegistry.create();
    private final FakeAdapters adapters = new FakeAdapters();
    private final ProviderRegistry registry;

    TelemetrySpanTests() {
        observations.observationConfig().observationHandler(new DefaultTracingObservationHandler(tracer));
        registry = ProviderRegistry.builder().adapterFactory(adapters)
                .telemetry(ArcLlmTelemetry.builder().observationRegistry(observations).build()).build();
    }

    @Test
    void aCallIsAChatSpanWithGenAiAttributesAndTheParentOfTheHttpSpan() {
        adapters.answer("anthropic", request -> Mono.deferContextual(context -> {
            // What WebClient does: its client observation's parent is the one in the Reactor context.
            Observation.createNotStarted("http.client.requests", observations)
                    .parentObservation(context.get(ObservationThreadLocalAccessor.KEY)).start().stop();
            return Mono.just(new LlmResponse("4", new Usage(12, 1), SONNET, StopReason.END_TURN));
        }));

        registry.load("anthropic").invoke(List.of(Message.user("What is 2 + 2? My card is 4111 1111 1111 1111"))).block();

        SimpleSpan chat = span("chat " + SONNET);
        assertThat(chat.getTags()).containsEntry("gen_ai.operation.name", "chat")
                .containsEntry("gen_ai.provider.name", "anthropic")
                .containsEntry("gen_ai.request.model", SONNET)
                .containsEntry("gen_ai.response.model", SONNET)
                .containsEntry("gen_ai.usage.input_tokens", "12")
                .containsEntry("gen_ai.usage.output_tokens", "1")
                .containsEntry("error.type", "none");
        assertThat(chat.getTags().values()).noneMatch(value -> value.contains("4111"));
        assertThat(span("http.client.requests").getParentId()).isEqualTo(chat.getSpanId());
    }

    @Test
    void aFailedCallIsASpanWithTheErrorAndItsType() {
        ArcLlmApiException overloaded = new ArcLlmApiException(529, "", "anthropic");
        adapters.script("anthropic", overloaded);

        registry.load("anthropic").invoke(List.of(Message.user("hi"))).onErrorComplete().block();

        assertThat(tracer.onlySpan().getName()).isEqualTo("chat " + SONNET);
        assertThat(tracer.onlySpan().getError()).isSameAs(overloaded);
        assertThat(tracer.onlySpan().getTags()).containsEntry("error.type", "529");
    }

    private SimpleSpan span(String name) {
        return tracer.getSpans().stream().filter(span -> span.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " in " + tracer.getSpans()));
    }
}
