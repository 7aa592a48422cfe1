package io.arcllm.autoconfigure;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.arcllm.ArcLlmApiException;
import io.arcllm.LlmProvider;
import io.arcllm.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.arcllm.autoconfigure.WireMockProviders.error;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code application-patient.yml} layered over {@code application-wiremock.yml}: global max-retries 4, and for
 * the anthropic bean max-retries 1 and no fallback. The attempt counts the servers see follow the YAML.
 */
@SpringBootTest(classes = WireMockProviders.TestApplication.class)
@ActiveProfiles({"wiremock", "patient"})
class ArcLlmYamlOverrideTests {

    @RegisterExtension
    static final WireMockExtension anthropic = WireMockProviders.server();

    @RegisterExtension
    static final WireMockExtension openai = WireMockProviders.server();

    @DynamicPropertySource
    static void baseUrls(DynamicPropertyRegistry registry) {
        WireMockProviders.baseUrls(registry, anthropic, openai);
    }

    @Autowired
    LlmProvider model;

    @Autowired
    @Qualifier("openaiLlmProvider")
    LlmProvider openaiModel;

    private final List<Message> question = List.of(Message.user("What is 2 + 2?"));

    @BeforeEach
    void reset() {
        anthropic.resetAll();
        openai.resetAll();
    }

    @Test
    void providerOverrideOfMaxRetriesAndFallbackApplies() {
        anthropic.stubFor(post("/v1/messages").willReturn(error(529)));

        assertThatThrownBy(() -> model.invoke(question).block(Duration.ofSeconds(5)))
                .isInstanceOf(ArcLlmApiException.class).hasMessageContaining("HTTP 529");
        anthropic.verify(2, postRequestedFor(urlEqualTo("/v1/messages")));
        openai.verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    @Test
    void globalMaxRetriesFromYamlApplies() {
        openai.stubFor(post("/v1/chat/completions").willReturn(error(503)));

        assertThatThrownBy(() -> openaiModel.invoke(question).block(Duration.ofSeconds(5)))
                .isInstanceOf(ArcLlmApiException.class).hasMessageContaining("HTTP 503");
        openai.verify(5, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }
}
