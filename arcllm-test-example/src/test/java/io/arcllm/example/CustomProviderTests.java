package io.arcllm.example;

import java.util.List;

import io.arcllm.LlmProvider;
import io.arcllm.Message;
import io.arcllm.test.ArcLlmStubs;
import io.arcllm.test.AutoConfigureArcLlmStubs;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/** A provider id of the application's own (an OpenAI-compatible server) is stubbed in its format too. */
@SpringBootTest(properties = {
        "arcllm.providers.local.type=openai",
        "arcllm.providers.local.default-model=llama3.1"})
@AutoConfigureArcLlmStubs
class CustomProviderTests {

    @Autowired
    @Qualifier("localLlmProvider")
    LlmProvider local;

    @Autowired
    ArcLlmStubs llm;

    @Test
    void answersInTheOpenAiFormatAtItsOwnStub() {
        llm.provider("local").answers("Hi from llama.");

        assertThat(local.invoke(List.of(Message.user("Hi"))).block().content()).isEqualTo("Hi from llama.");

        assertThat(llm.provider("local").lastRequest().path()).isEqualTo("/v1/chat/completions");
        assertThat(llm.provider("local").lastRequest().model()).isEqualTo("llama3.1");
        assertThat(llm.provider("anthropic").attempts()).isZero();
    }
}
