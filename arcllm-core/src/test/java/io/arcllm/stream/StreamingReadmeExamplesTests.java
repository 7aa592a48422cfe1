package io.arcllm.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.LlmStreamCollector;
import io.arcllm.LlmStreamEvent;
import io.arcllm.Message;
import io.arcllm.StopReason;
import io.arcllm.Usage;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The README's streaming examples, as written there, against a provider that streams three deltas. */
class StreamingReadmeExamplesTests {

    private final LlmProvider model = new LlmProvider() {
        @Override
        public String name() {
            return "fake";
        }

        @Override
        public String modelName() {
            return "m";
        }

        @Override
        public Mono<LlmResponse> invoke(LlmRequest request) {
            return Mono.error(new AssertionError("the examples stream"));
        }

        @Override
        public Flux<LlmStreamEvent> stream(LlmRequest request) {
            return Flux.just(new LlmStreamEvent.Start("m"), new LlmStreamEvent.TextDelta("Once "),
                    new LlmStreamEvent.TextDelta("upon "), new LlmStreamEvent.TextDelta("a time."),
                    new LlmStreamEvent.UsageReported(new Usage(4, 3)), new LlmStreamEvent.Stop(StopReason.END_TURN));
        }
    };
    private final LlmRequest request = LlmRequest.of(List.of(Message.user("Tell me a story.")));

    @Test
    void theFluxExampleGivesTheTextAndTheCollectedResponse() {
        // --- README "Streaming" (Storyteller) ---
        Flux<String> text = model.stream(LlmRequest.of(List.of(Message.user("Tell me a story."))))
                .filter(LlmStreamEvent.TextDelta.class::isInstance)
                .map(event -> ((LlmStreamEvent.TextDelta) event).text());
        Mono<LlmResponse> whole = LlmStreamCollector.collect(model.stream(request));  // the same LlmResponse invoke gives
        // ---

        assertThat(text.collectList().block()).containsExactly("Once ", "upon ", "a time.");
        assertThat(whole.block()).isEqualTo(new LlmResponse("Once upon a time.", new Usage(4, 3), "m", StopReason.END_TURN));
    }

    @Test
    void theBlockingExamplePrintsTheTextThenTheStopReason() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            // --- README "Streaming", blocking ---
            for (LlmStreamEvent event : model.stream(request).toIterable()) {
                if (event instanceof LlmStreamEvent.TextDelta delta) {
                    System.out.print(delta.text());
                } else if (event instanceof LlmStreamEvent.Stop stop) {
                    System.out.println("\n[" + stop.stopReason() + "]");
                }
            }
            // ---
        } finally {
            System.setOut(original);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo("Once upon a time.\n[END_TURN]" + System.lineSeparator());
    }
}
