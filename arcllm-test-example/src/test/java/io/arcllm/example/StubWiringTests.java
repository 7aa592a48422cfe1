package io.arcllm.example;

import io.arcllm.test.ArcLlmStubs;
import io.arcllm.test.AutoConfigureArcLlmStubs;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/** What the annotation did to the application's configuration, before any call. */
@SpringBootTest
@AutoConfigureArcLlmStubs
class StubWiringTests {

    @Autowired
    ArcLlmStubs llm;

    @Autowired
    Environment environment;

    @Test
    void stubsEveryProviderTheConfigurationNamesAndPointsItsPropertiesAtThem() {
        assertThat(llm.ids()).contains("anthropic", "openai");
        for (String id : llm.ids()) {
            assertThat(environment.getProperty("arcllm.providers." + id + ".base-url"))
                    .isEqualTo(llm.provider(id).baseUrl().toString())
                    .startsWith("http://127.0.0.1:");
            assertThat(environment.getProperty("arcllm.providers." + id + ".api-key")).isEqualTo(ArcLlmStubs.DUMMY_API_KEY);
        }
    }

    @Test
    void everyTestStartsWithNoRecordedRequest() {
        assertThat(llm.attempts()).allSatisfy((id, attempts) -> assertThat(attempts).isZero());
    }
}
