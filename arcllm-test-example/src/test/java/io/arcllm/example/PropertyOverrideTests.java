package io.arcllm.example;

import io.arcllm.ArcLlmApiException;
import io.arcllm.ArcLlmTimeoutException;
import io.arcllm.test.ArcLlmStubs;
import io.arcllm.test.AutoConfigureArcLlmStubs;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One test class's own properties over application.yml: no fallback, and a short read timeout for Anthropic. */
@SpringBootTest(properties = {
        "arcllm.providers.anthropic.modules.fallback.enabled=false",
        "arcllm.providers.anthropic.read-timeout=300ms"})
@AutoConfigureArcLlmStubs
class PropertyOverrideTests {

    @Autowired
    Agent agent;

    @Autowired
    ArcLlmStubs llm;

    @Test
    void withoutFallbackAnOutageReachesTheCallerAfterTheRetries() {
        llm.provider("anthropic").isOverloaded();

        assertThatThrownBy(() -> agent.ask("Capital of France?"))
                .isInstanceOfSatisfying(ArcLlmApiException.class, e -> assertThat(e.statusCode()).isEqualTo(529));
        assertThat(llm.provider("anthropic").attempts()).isEqualTo(3);
        assertThat(llm.provider("openai").attempts()).isZero();
    }

    @Test
    void aHangingProviderTimesOutAtTheOverriddenReadTimeout() {
        llm.provider("anthropic").hangs().then().answers("Paris.");

        assertThat(agent.ask("Capital of France?")).isEqualTo("Paris.");
        assertThat(llm.provider("anthropic").attempts()).isEqualTo(2);
    }

    @Test
    void aBodyThatStallsEveryTimeEndsInATimeout() {
        llm.provider("anthropic").timesOut();

        assertThatThrownBy(() -> agent.ask("Capital of France?")).isInstanceOf(ArcLlmTimeoutException.class);
        assertThat(llm.provider("anthropic").attempts()).isEqualTo(3);
    }
}
