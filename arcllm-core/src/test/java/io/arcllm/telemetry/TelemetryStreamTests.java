package io.arcllm.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.arcllm.ArcLlmApiException;
import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.LlmStreamEvent;
import io.arcllm.Message;
import io.arcllm.StopReason;
import io.arcllm.Usage;
import io.arcllm.config.ProviderCatalog;
import io.arcllm.config.TelemetryConfig;
import io.arcllm.module.ModuleListener;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A stream is one observation, with its time to first content and the usage of its last usage event. */
class TelemetryStreamTests {

    private final TelemetryFixture fixture = new TelemetryFixture();
    private final LlmRequest request = LlmRequest.of(List.of(Message.user("Hi")));

    private LlmProvider streaming(Flux<LlmStreamEvent> events) {
        LlmProvider inner = new LlmProvider() {
            @Override
            public String name() {
                return "anthropic";
            }

            @Override
            public String modelName() {
                return "claude-sonnet-4-20250514";
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
        return fixture.telemetry.instrument(inner, TelemetryConfig.defaults(), ProviderCatalog.builtIn(), ModuleListener.NONE);
    }

    @Test
    void aStreamIsOneObservationWithTimeToFirstChunkAndTheFinalUsage() {
        LlmProvider model = streaming(Flux.just(new LlmStreamEvent.Start("claude-sonnet-4-20250514"),
                new LlmStreamEvent.UsageReported(new Usage(100, 1)), new LlmStreamEvent.TextDelta("Hel"),
                new LlmStreamEvent.TextDelta("lo"), new LlmStreamEvent.UsageReported(new Usage(100, 20)),
                new LlmStreamEvent.Stop(StopReason.END_TURN)));

        assertThat(model.stream(request).count().block()).isEqualTo(6);

        TestObservationRegistryAssert.assertThat(fixture.observations).hasSingleObservationThat()
                .hasLowCardinalityKeyValue("gen_ai.response.model", "claude-sonnet-4-20250514")
                .hasLowCardinalityKeyValue("error.type", "none");
        assertThat(fixture.meters.get("gen_ai.client.operation.time_to_first_chunk")
                .tag("gen_ai.provider.name", "anthropic").timer().count()).isEqualTo(1);
        assertThat(fixture.meters.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "output")
                .summary().totalAmount()).isEqualTo(20);
        assertThat(fixture.meters.get("gen_ai.client.operation.duration").timer().count()).isEqualTo(1);
    }

    @Test
    void aStreamThatFailsBeforeContentIsOneFailedObservationWithoutTimeToFirstChunk() {
        LlmProvider model = streaming(Flux.error(new ArcLlmApiException(529, "overloaded_error", "anthropic")));

        assertThat(model.stream(request).onErrorResume(e -> Flux.empty()).count().block()).isZero();

        TestObservationRegistryAssert.assertThat(fixture.observations).hasSingleObservationThat()
                .hasLowCardinalityKeyValue("error.type", "529");
        assertThat(fixture.meters.find("gen_ai.client.operation.time_to_first_chunk").timer()).isNull();
        assertThat(fixture.meters.get("gen_ai.client.operation.duration").timer().totalTime(TimeUnit.NANOSECONDS)).isPositive();
    }
}
