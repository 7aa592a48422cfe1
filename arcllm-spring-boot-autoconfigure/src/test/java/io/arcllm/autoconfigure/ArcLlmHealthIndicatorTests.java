package io.arcllm.autoconfigure;

import static io.arcllm.autoconfigure.ArcLlmAutoConfigurationTests.ANTHROPIC_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import io.arcllm.ArcLlmApiException;
import io.arcllm.ArcLlmTimeoutException;
import io.arcllm.module.ModuleListener;
import io.arcllm.module.ModuleListener.CallEvent;
import io.arcllm.module.ModuleListener.FallbackEvent;
import io.arcllm.module.ModuleListener.Outcome;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import reactor.util.context.Context;

/** The {@code arcllm} health contributor: what it shows per provider, that it never shows a key, and what feeds it. */
class ArcLlmHealthIndicatorTests {

    private static final Instant NOW = Instant.parse("2026-06-01T10:15:30Z");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ArcLlmAutoConfiguration.class, ArcLlmHealthAutoConfiguration.class,
                    HealthContributorRegistryAutoConfiguration.class))
            .withPropertyValues("ANTHROPIC_API_KEY=", "OPENAI_API_KEY=", "arcllm.providers.anthropic.api-key=" + ANTHROPIC_KEY);

    private final ProviderCallRecorder recorder = new ProviderCallRecorder(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void isRegisteredAsArcllmAndShowsEachProviderConfigurationAndKeyPresenceButNeverTheKey() {
        runner.run(context -> {
            assertThat(context.getBean(HealthContributorRegistry.class).getContributor("arcllm"))
                    .isInstanceOf(ArcLlmHealthIndicator.class);
            Health health = ((HealthIndicator) context.getBean(HealthContributorRegistry.class).getContributor("arcllm")).health();

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("defaultProvider", "anthropic");
            assertThat(providers(health)).containsOnlyKeys(io.arcllm.config.ProviderCatalog.builtIn().ids());
            assertThat(providers(health).get("anthropic")).isEqualTo(Map.of(
                    "configured", true, "apiKeyPresent", true, "model", "claude-sonnet-4-20250514"));
            assertThat(providers(health).get("openai")).isEqualTo(Map.of(
                    "configured", false, "apiKeyPresent", false, "model", "gpt-4o"));
            assertThat(health.toString()).doesNotContain(ANTHROPIC_KEY);
        });
    }

    @Test
    void aKeyFromTheEnvironmentCountsAsPresentAndAConfiguredIdIsListed() {
        runner.withPropertyValues("OPENAI_API_KEY=sk-from-env", "LOCAL_LLM_KEY=local-from-env", "arcllm.providers.local.type=openai",
                "arcllm.providers.local.base-url=http://127.0.0.1:11434", "arcllm.providers.local.default-model=llama3.1",
                "arcllm.providers.local.api-key-env=LOCAL_LLM_KEY")
                .run(context -> {
                    Health health = context.getBean(ArcLlmHealthIndicator.class).health();

                    assertThat(providers(health).get("openai")).containsEntry("configured", true).containsEntry("apiKeyPresent", true);
                    assertThat(providers(health).get("local")).containsEntry("configured", true)
                            .containsEntry("apiKeyPresent", true).containsEntry("model", "llama3.1");
                    assertThat(health.toString()).doesNotContain("sk-from-env").doesNotContain("local-from-env");
                });
    }

    @Test
    void itsRecorderIsAModuleListenerBeanAndItCanBeTurnedOff() {
        runner.run(context -> assertThat(context.getBeansOfType(ModuleListener.class)).containsOnlyKeys("arcLlmProviderCallRecorder"));
        runner.withPropertyValues("management.health.arcllm.enabled=false").run(context ->
                assertThat(context).doesNotHaveBean(ArcLlmHealthIndicator.class).doesNotHaveBean(ProviderCallRecorder.class));
        runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class)).run(context ->
                assertThat(context).hasNotFailed().doesNotHaveBean(ArcLlmHealthIndicator.class));
    }

    @Test
    void aCallAnsweredRecordsSuccessAndAFailedCallItsErrorType() {
        recorder.onCall(new CallEvent("anthropic", "anthropic", "m", null, Duration.ofSeconds(1)));
        recorder.onCall(new CallEvent("openai", null, "m", new ArcLlmTimeoutException("openai", "read", Duration.ofSeconds(60), null),
                Duration.ofSeconds(60)));

        assertThat(recorder.lastCall("anthropic")).hasValue(new ProviderCallRecorder.LastCall(true, "none", NOW));
        assertThat(recorder.lastCall("openai")).hasValue(new ProviderCallRecorder.LastCall(false, "timeout", NOW));
    }

    @Test
    void aFallbackAnswerLeavesThePrimaryFailedAndTheFallbackSucceeded() {
        ArcLlmApiException overloaded = new ArcLlmApiException(529, "", "anthropic");
        recorder.onFallback(new FallbackEvent("anthropic", overloaded, "openai", Outcome.SUCCESS, null, Context.empty()));
        recorder.onCall(new CallEvent("anthropic", "openai", "m", null, Duration.ofSeconds(2)));

        assertThat(recorder.lastCall("anthropic")).hasValue(new ProviderCallRecorder.LastCall(false, "529", NOW));
        assertThat(recorder.lastCall("openai")).hasValue(new ProviderCallRecorder.LastCall(true, "none", NOW));
    }

    @Test
    void theLastCallAppearsInTheHealthDetails() {
        runner.run(context -> {
            ProviderCallRecorder live = context.getBean(ProviderCallRecorder.class);
            live.onFallback(new FallbackEvent("anthropic", new ArcLlmApiException(500, "", "anthropic"), "openai",
                    Outcome.FAILURE, new ArcLlmApiException(502, "", "openai"), Context.empty()));

            Map<String, Map<String, Object>> providers = providers(context.getBean(ArcLlmHealthIndicator.class).health());
            assertThat(providers.get("anthropic").get("lastCall")).isInstanceOfSatisfying(Map.class, last -> {
                assertThat(last).containsEntry("outcome", "failure").containsEntry("errorType", "500");
                assertThat(Instant.parse((String) last.get("at"))).isBeforeOrEqualTo(Instant.now());
            });
            assertThat(providers.get("openai").get("lastCall")).isInstanceOfSatisfying(Map.class, last ->
                    assertThat(last).containsEntry("outcome", "failure").containsEntry("errorType", "502"));
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> providers(Health health) {
        return (Map<String, Map<String, Object>>) health.getDetails().get("providers");
    }
}
