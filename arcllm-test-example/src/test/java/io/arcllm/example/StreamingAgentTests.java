package io.arcllm.example;

import java.util.ArrayList;
import java.util.List;

import io.arcllm.ArcLlmStreamInterruptedException;
import io.arcllm.Message;
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

/** The agent's streamed answers against scripted provider streams, with the application's retry and fallback. */
@SpringBootTest
@AutoConfigureArcLlmStubs
class StreamingAgentTests {

    @Autowired
    Agent agent;

    @Autowired
    ArcLlmStubs llm;

    ProviderStub anthropic;
    ProviderStub openai;
    final List<String> pieces = new ArrayList<>();

    @BeforeEach
    void stubs() {
        anthropic = llm.provider("anthropic");
        openai = llm.provider("openai");
    }

    @Test
    void streamsTheAnswerPieceByPiece() {
        anthropic.streams("Par", "is", ".");

        assertThat(agent.askStreaming("Capital of France?", pieces::add)).isEqualTo("Paris.");

        assertThat(pieces).containsExactly("Par", "is", ".");
        ReceivedRequest sent = anthropic.lastRequest();
        assertThat(sent.stream()).isTrue();
        assertThat(sent.messages()).containsExactly(Message.system(Agent.SYSTEM), Message.user("Capital of France?"));
    }

    @Test
    void retriesThenFallsBackToAnOpenAiStreamBeforeAnyTextIsShown() {
        anthropic.isOverloaded();
        openai.streams("Paris", " (OpenAI)");

        assertThat(agent.askStreaming("Capital of France?", pieces::add)).isEqualTo("Paris (OpenAI)");

        assertThat(pieces).containsExactly("Paris", " (OpenAI)");
        assertThat(anthropic.attempts()).isEqualTo(3); // max-retries: 2, then the fallback
        assertThat(openai.attempts()).isEqualTo(1);
        assertThat(openai.lastRequest().stream()).isTrue();
    }

    @Test
    void aStreamThatBreaksAfterTextKeepsThePartialAnswerAndIsNotRetried() {
        anthropic.streamsThenBreaks("The capital is ").then().streams("never sent");

        assertThatThrownBy(() -> agent.askStreaming("Capital of France?", pieces::add))
                .isInstanceOfSatisfying(ArcLlmStreamInterruptedException.class,
                        e -> assertThat(e.partialResponse().content()).isEqualTo("The capital is "));

        assertThat(pieces).containsExactly("The capital is ");
        assertThat(anthropic.attempts()).isEqualTo(1);
        assertThat(openai.attempts()).isZero();
    }
}
