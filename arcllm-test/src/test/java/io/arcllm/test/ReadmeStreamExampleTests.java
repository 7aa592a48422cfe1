package io.arcllm.test;

import java.util.List;

import io.arcllm.ArcLlmStreamInterruptedException;
import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.LlmStreamCollector;
import io.arcllm.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** README "Testing your application", "Streams": the example as printed there. */
class ReadmeStreamExampleTests {

    @RegisterExtension
    static final ArcLlmStubsExtension llm = ArcLlmStubsExtension.of("anthropic");

    final LlmRequest question = LlmRequest.of(List.of(Message.user("Capital of France?")));

    @Test
    void streamsTheAnswer() {
        llm.provider("anthropic").streams("Par", "is.");
        try (LlmProvider model = llm.registry().load("anthropic")) {
            assertThat(LlmStreamCollector.collect(model.stream(question)).block().content()).isEqualTo("Paris.");
        }
        assertThat(llm.provider("anthropic").lastRequest().stream()).isTrue();
    }

    @Test
    void keepsWhatArrivedWhenTheStreamBreaks() {
        llm.provider("anthropic").streamsThenBreaks("Par");
        try (LlmProvider model = llm.registry().load("anthropic")) {
            assertThatThrownBy(() -> LlmStreamCollector.collect(model.stream(question)).block())
                    .isInstanceOfSatisfying(ArcLlmStreamInterruptedException.class,
                            e -> assertThat(e.partialResponse().content()).isEqualTo("Par"));
        }
    }
}
