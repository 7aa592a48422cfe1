package io.arcllm.example;

import java.time.Duration;

import io.arcllm.test.ArcLlmStubs;
import io.arcllm.test.AutoConfigureArcLlmStubs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/** A short read timeout for Anthropic: a hanging or slow provider is retried, then left for the fallback. */
@SpringBootTest(properties = "arcllm.providers.anthropic.read-timeout=2s")
@AutoConfigureArcLlmStubs
class ReadTimeoutTests {

    @Autowired
    Agent agent;

    @Autowired
    ArcLlmStubs llm;

    /** The first call of a fresh context pays for class loading and connections; keep that out of the 2s. */
    @BeforeAll
    static void warmUp(@Autowired Agent agent) {
        agent.ask("warm-up");
    }

    @Test
    void aHangingAttemptIsRetried() {
        llm.provider("anthropic").hangs().then().answers("Paris.");

        assertThat(agent.ask("Capital of France?")).isEqualTo("Paris.");
        assertThat(llm.provider("anthropic").attempts()).isEqualTo(2);
    }

    @Test
    void aProviderSlowerThanTheReadTimeoutEveryTimeIsLeftForTheFallback() {
        llm.provider("anthropic").answersAfter(Duration.ofMinutes(1), "Too late.");
        llm.provider("openai").answers("Paris, from OpenAI.");

        assertThat(agent.ask("Capital of France?")).isEqualTo("Paris, from OpenAI.");
        assertThat(llm.provider("anthropic").attempts()).isEqualTo(3);
        assertThat(llm.provider("openai").attempts()).isEqualTo(1);
    }
}
