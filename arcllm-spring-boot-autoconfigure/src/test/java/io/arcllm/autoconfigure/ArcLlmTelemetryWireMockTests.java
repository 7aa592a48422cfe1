package io.arcllm.autoconfigure;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.arcllm.autoconfigure.WireMockProviders.ANTHROPIC_ANSWER;
import static io.arcllm.autoconfigure.WireMockProviders.ANTHROPIC_KEY;
import static io.arcllm.autoconfigure.WireMockProviders.OPENAI_ANSWER;
import static io.arcllm.autoconfigure.WireMockProviders.OPENAI_KEY;
import static io.arcllm.autoconfigure.WireMockProviders.error;
import static io.arcllm.autoconfigure.WireMockProviders.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.arcllm.ArcLlmApiException;
import io.arcllm.LlmProvider;
import io.arcllm.Message;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Telemetry end to end, as an application with actuator has it: Boot's metrics and observation auto-configuration
 * (a {@link SimpleMeterRegistry}), {@code application-wiremock.yml} (retry: 2 retries; anthropic falls back to openai
 * after its retries), two WireMock providers. After a success, a call retried once, a fallback and a final failure,
 * the meters carry the OpenTelemetry GenAI names, tags and values, tokens and cost included, and the {@code arcllm}
 * health contributor shows each provider's last outcome.
 */
@SpringBootTest(classes = WireMockProviders.TestApplication.class)
@ActiveProfiles("wiremock")
class ArcLlmTelemetryWireMockTests {

    private static final String SONNET = "claude-sonnet-4-20250514";

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
    MeterRegistry meters;

    @Autowired
    HealthContributorRegistry health;

    private final List<Message> question = List.of(Message.user("What is 2 + 2?"));

    @BeforeEach
    void reset() {
        anthropic.resetAll();
        openai.resetAll();
        meters.clear();
    }

    @Test
    void aSuccessIsTimedWithGenAiTagsAndRecordsItsTokensAndCost() {
        anthropic.stubFor(post("/v1/messages").willReturn(json(200, ANTHROPIC_ANSWER)));

        model.invoke(question).block(Duration.ofSeconds(5));

        assertThat(meters).isInstanceOf(SimpleMeterRegistry.class);
        Timer timer = meters.get("gen_ai.client.operation.duration").timer();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(tags(timer)).containsAllEntriesOf(Map.of("gen_ai.operation.name", "chat",
                "gen_ai.provider.name", "anthropic", "gen_ai.request.model", SONNET, "gen_ai.response.model", SONNET,
                "error.type", "none"));
        assertThat(tokens("input", SONNET)).isEqualTo(12);
        assertThat(tokens("output", SONNET)).isEqualTo(1);
        // Sonnet: $3 input, $15 output per 1M tokens.
        assertThat(meters.get("arcllm.usage.cost").tag("gen_ai.provider.name", "anthropic").counter().count())
                .isCloseTo((12 * 3.00 + 1 * 15.00) / 1_000_000, within(1e-12));
        assertThat(meters.find("arcllm.retry.attempts").counters()).isEmpty();
        assertThat(meters.find("arcllm.fallback.invocations").counters()).isEmpty();
        assertThat(lastCall("anthropic")).containsEntry("outcome", "success").containsEntry("errorType", "none");
    }

    @Test
    void aCallRetriedOnceCountsOneRetryByReasonAndIsStillOneTimedCall() {
        anthropic.stubFor(post("/v1/messages").inScenario("busy").whenScenarioStateIs(STARTED)
                .willReturn(error(429)).willSetStateTo("free"));
        anthropic.stubFor(post("/v1/messages").inScenario("busy").whenScenarioStateIs("free")
                .willReturn(json(200, ANTHROPIC_ANSWER)));

        model.invoke(question).block(Duration.ofSeconds(5));

        anthropic.verify(2, postRequestedFor(urlEqualTo("/v1/messages")));
        assertThat(meters.get("arcllm.retry.attempts").tags("provider", "anthropic", "reason", "429").counter().count())
                .isEqualTo(1);
        assertThat(meters.get("gen_ai.client.operation.duration").tag("error.type", "none").timer().count()).isEqualTo(1);
        assertThat(tokens("input", SONNET)).as("the 429 used no tokens").isEqualTo(12);
    }

    @Test
    void aFallbackIsCountedAndItsAnswerIsPricedAtTheFallbacksPrices() {
        anthropic.stubFor(post("/v1/messages").willReturn(error(500)));
        openai.stubFor(post("/v1/chat/completions").willReturn(json(200, OPENAI_ANSWER)));

        assertThat(model.invoke(question).block(Duration.ofSeconds(5)).content()).isEqualTo("four");

        anthropic.verify(3, postRequestedFor(urlEqualTo("/v1/messages")));
        openai.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
        assertThat(meters.get("arcllm.retry.attempts").tags("provider", "anthropic", "reason", "500").counter().count())
                .isEqualTo(2);
        assertThat(meters.get("arcllm.fallback.invocations").tags("from", "anthropic", "to", "openai", "outcome", "success")
                .counter().count()).isEqualTo(1);
        Timer timer = meters.get("gen_ai.client.operation.duration").timer();
        assertThat(timer.count()).as("one logical call").isEqualTo(1);
        assertThat(tags(timer)).containsEntry("gen_ai.provider.name", "anthropic")
                .containsEntry("gen_ai.response.model", "gpt-4o-2024-08-06").containsEntry("error.type", "none");
        assertThat(tokens("input", "gpt-4o-2024-08-06")).isEqualTo(12);
        // gpt-4o-2024-08-06 is priced as gpt-4o: $2.50 input, $10 output per 1M tokens.
        assertThat(meters.get("arcllm.usage.cost").tag("gen_ai.response.model", "gpt-4o-2024-08-06").counter().count())
                .isCloseTo((12 * 2.50 + 1 * 10.00) / 1_000_000, within(1e-12));
        assertThat(lastCall("anthropic")).containsEntry("outcome", "failure").containsEntry("errorType", "500");
        assertThat(lastCall("openai")).containsEntry("outcome", "success");
    }

    @Test
    void aFinalFailureIsTimedWithItsStatusAndRecordsNoTokensOrCost() {
        anthropic.stubFor(post("/v1/messages").willReturn(error(503)));
        openai.stubFor(post("/v1/chat/completions").willReturn(error(502)));

        assertThatThrownBy(() -> model.invoke(question).block(Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(ArcLlmApiException.class, e -> assertThat(e.statusCode()).isEqualTo(503));

        Timer timer = meters.get("gen_ai.client.operation.duration").timer();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(tags(timer)).containsEntry("error.type", "503").containsEntry("gen_ai.response.model", "none");
        assertThat(meters.get("arcllm.retry.attempts").tags("provider", "anthropic", "reason", "503").counter().count())
                .isEqualTo(2);
        assertThat(meters.get("arcllm.retry.attempts").tags("provider", "openai", "reason", "502").counter().count())
                .isEqualTo(2);
        assertThat(meters.get("arcllm.fallback.invocations").tags("from", "anthropic", "to", "openai", "outcome", "failure")
                .counter().count()).isEqualTo(1);
        assertThat(meters.find("gen_ai.client.token.usage").summaries()).isEmpty();
        assertThat(meters.find("arcllm.usage.cost").counters()).isEmpty();
        assertThat(lastCall("anthropic")).containsEntry("outcome", "failure").containsEntry("errorType", "503");
        assertThat(lastCall("openai")).containsEntry("outcome", "failure").containsEntry("errorType", "502");
    }

    @Test
    void theHealthContributorNeverShowsAKey() {
        Health arcllm = ((HealthIndicator) health.getContributor("arcllm")).health();

        assertThat(arcllm.toString()).doesNotContain(ANTHROPIC_KEY).doesNotContain(OPENAI_KEY).contains("apiKeyPresent=true");
        assertThat(meters.find("gen_ai.client.operation.duration").timers()).as("health never calls a provider").isEmpty();
        assertThat(anthropic.getAllServeEvents()).isEmpty();
    }

    private double tokens(String type, String responseModel) {
        return meters.get("gen_ai.client.token.usage").tags("gen_ai.token.type", type, "gen_ai.provider.name", "anthropic",
                "gen_ai.request.model", SONNET, "gen_ai.response.model", responseModel).summary().totalAmount();
    }

    private static Map<String, String> tags(Timer timer) {
        return timer.getId().getTags().stream().collect(java.util.stream.Collectors.toMap(
                io.micrometer.core.instrument.Tag::getKey, io.micrometer.core.instrument.Tag::getValue));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> lastCall(String providerId) {
        Map<String, Map<String, Object>> providers = (Map<String, Map<String, Object>>)
                ((HealthIndicator) health.getContributor("arcllm")).health().getDetails().get("providers");
        return (Map<String, Object>) providers.get(providerId).get("lastCall");
    }
}
