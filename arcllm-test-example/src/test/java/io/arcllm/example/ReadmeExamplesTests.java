package io.arcllm.example;

import java.time.Duration;
import java.util.List;

import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.Message;
import io.arcllm.test.ArcLlmStubs;
import io.arcllm.test.AutoConfigureArcLlmStubs;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/** README "Testing your application": the Spring example, as printed there (run against this application). */
@SpringBootTest
@AutoConfigureArcLlmStubs      // stubs every provider id your configuration names
class ReadmeExamplesTests {

    @Autowired LlmProvider model;
    @Autowired ArcLlmStubs llm;

    String ask(String question) {                      // your agent's call
        return model.call(LlmRequest.of(List.of(Message.user(question)))).content();
    }

    @Test
    void answers() {
        llm.provider("anthropic").answers("Paris.");

        assertThat(ask("Capital of France?")).isEqualTo("Paris.");
        assertThat(llm.provider("anthropic").lastRequest().messages())
                .containsExactly(Message.user("Capital of France?"));
    }

    @Test
    void retriesAfterA429() {
        llm.provider("anthropic").failsWith(429, Duration.ofSeconds(1)).then().answers("Paris.");

        assertThat(ask("Capital of France?")).isEqualTo("Paris.");
        assertThat(llm.provider("anthropic").attempts()).isEqualTo(2);
    }

    @Test
    void fallsBackWhenThePrimaryIsDown() {
        llm.provider("anthropic").isOverloaded();              // 529 on every attempt
        llm.provider("openai").answers("Paris, from OpenAI.");

        assertThat(ask("Capital of France?")).isEqualTo("Paris, from OpenAI.");
        assertThat(llm.provider("anthropic").attempts()).isEqualTo(3); // max-retries: 2
        assertThat(llm.provider("openai").attempts()).isEqualTo(1);
    }
}
