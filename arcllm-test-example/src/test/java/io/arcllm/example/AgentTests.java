package io.arcllm.example;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.arcllm.ArcLlmApiException;
import io.arcllm.Message;
import io.arcllm.ToolResultBlock;
import io.arcllm.ToolUseBlock;
import io.arcllm.test.ArcLlmStubs;
import io.arcllm.test.AutoConfigureArcLlmStubs;
import io.arcllm.test.ProviderStub;
import io.arcllm.test.ReceivedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The application's agent against scripted providers, configured by its own application.yml. */
@SpringBootTest
@AutoConfigureArcLlmStubs
class AgentTests {

    @Autowired
    Agent agent;

    @Autowired
    ArcLlmStubs llm;

    ProviderStub anthropic;
    ProviderStub openai;

    @BeforeEach
    void stubs() {
        anthropic = llm.provider("anthropic");
        openai = llm.provider("openai");
    }

    @Test
    void answersWithTheDefaultProviderAndSendsTheQuestion() {
        anthropic.answers("Paris.");

        assertThat(agent.ask("Capital of France?")).isEqualTo("Paris.");

        ReceivedRequest sent = anthropic.lastRequest();
        assertThat(sent.messages()).containsExactly(Message.system(Agent.SYSTEM), Message.user("Capital of France?"));
        assertThat(sent.model()).isEqualTo("claude-sonnet-4-20250514");
        assertThat(sent.tools()).isEmpty();
        assertThat(sent.header("x-api-key")).contains(ArcLlmStubs.DUMMY_API_KEY);
        assertThat(openai.attempts()).isZero();
    }

    @Test
    void retriesAfterA429AndItsRetryAfterThenAnswers() {
        anthropic.failsWith(429, Duration.ofSeconds(1)).then().answers("Paris.");

        assertThat(agent.ask("Capital of France?")).isEqualTo("Paris.");

        assertThat(anthropic.attempts()).isEqualTo(2);
        assertThat(anthropic.requests()).extracting(ReceivedRequest::lastUserText)
                .containsExactly("Capital of France?", "Capital of France?");
        assertThat(openai.attempts()).isZero();
    }

    @Test
    void retriesAResetConnection() {
        anthropic.resetsConnection().then().answers("Paris.");

        assertThat(agent.ask("Capital of France?")).isEqualTo("Paris.");
        assertThat(anthropic.attempts()).isEqualTo(2);
    }

    @Test
    void fallsBackToOpenAiWhenAnthropicStaysOverloaded() {
        anthropic.isOverloaded();
        openai.answers("Paris, from OpenAI.");

        assertThat(agent.ask("Capital of France?")).isEqualTo("Paris, from OpenAI.");

        assertThat(anthropic.attempts()).isEqualTo(3); // max-retries: 2, then the chain (after-retries: true)
        assertThat(openai.attempts()).isEqualTo(1);
        assertThat(openai.lastRequest().messages())
                .containsExactly(Message.system(Agent.SYSTEM), Message.user("Capital of France?"));
        assertThat(openai.lastRequest().model()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void whenEveryProviderIsDownTheCallerGetsThePrimarysError() {
        anthropic.isOverloaded();
        openai.failsWith(500);

        assertThatThrownBy(() -> agent.ask("Capital of France?"))
                .isInstanceOfSatisfying(ArcLlmApiException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(529);
                    assertThat(e.provider()).isEqualTo("anthropic");
                });
        assertThat(anthropic.attempts()).isEqualTo(3);
        assertThat(openai.attempts()).isEqualTo(3); // the fallback has its own retry
    }

    @Test
    void runsTheWeatherToolTheModelAsksFor() {
        anthropic.answersWithToolCall("get_weather", Map.of("city", "Paris"))
                .then().answers("It is 21°C and sunny in Paris.");

        assertThat(agent.askWithTools("Weather in Paris?")).isEqualTo("It is 21°C and sunny in Paris.");

        List<ReceivedRequest> sent = anthropic.requests();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).toolNames()).containsExactly("get_weather");
        List<Message> conversation = sent.get(1).messages();
        ToolUseBlock use = (ToolUseBlock) conversation.get(2).content().get(0);
        assertThat(use.name()).isEqualTo("get_weather");
        assertThat(use.arguments()).isEqualTo(Map.of("city", "Paris"));
        assertThat(conversation.get(3).content())
                .containsExactly(new ToolResultBlock(use.id(), "21°C, sunny"));
    }
}
