package io.arcllm.example;

import io.arcllm.ArcLlmApiException;
import io.arcllm.test.ArcLlmStubs;
import io.arcllm.test.AutoConfigureArcLlmStubs;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One test class's own property over application.yml: Anthropic without its fallback chain. */
@SpringBootTest(properties = "arcllm.providers.anthropic.modules.fallback.enabled=false")
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
    void aGatewayTimeoutIsNotRetriedByDefault() {
        llm.provider("anthropic").timesOut();

        assertThatThrownBy(() -> agent.ask("Capital of France?"))
                .isInstanceOfSatisfying(ArcLlmApiException.class, e -> assertThat(e.statusCode()).isEqualTo(504));
        assertThat(llm.provider("anthropic").attempts()).isEqualTo(1); // 504 is not in retryable-status-codes
    }
}
