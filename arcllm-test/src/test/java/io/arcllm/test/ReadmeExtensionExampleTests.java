package io.arcllm.test;

import java.util.List;

import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.Message;
import io.arcllm.test.ArcLlmStubsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** README "Testing your application": the example without Spring, as printed there. */
class ReadmeExtensionExampleTests {

    @RegisterExtension
    static final ArcLlmStubsExtension llm = ArcLlmStubsExtension.of("anthropic", "openai");

    @Test
    void answers() {
        llm.provider("anthropic").answers("Paris.");
        try (LlmProvider model = llm.registry().load("anthropic")) {
            assertThat(model.call(LlmRequest.of(List.of(Message.user("Capital of France?")))).content())
                    .isEqualTo("Paris.");
        }
    }

    @Test
    void eachTestStartsWithEmptyScriptsAndNoRequests(ArcLlmStubs stubs) {
        assertThat(stubs).isSameAs(llm.stubs());
        assertThat(stubs.attempts()).isEqualTo(java.util.Map.of("anthropic", 0, "openai", 0));
    }
}
