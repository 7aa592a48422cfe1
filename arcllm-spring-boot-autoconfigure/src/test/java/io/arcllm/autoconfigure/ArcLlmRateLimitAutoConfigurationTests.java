package io.arcllm.autoconfigure;

import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.arcllm.autoconfigure.WireMockProviders.ANTHROPIC_ANSWER;
import static io.arcllm.autoconfigure.WireMockProviders.ANTHROPIC_KEY;
import static io.arcllm.autoconfigure.WireMockProviders.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.arcllm.ArcLlmRateLimitException;
import io.arcllm.LlmProvider;
import io.arcllm.Message;
import io.arcllm.config.RateLimitConfig;
import io.arcllm.module.BaseModule;
import io.arcllm.module.internal.RateLimitModule;
import io.arcllm.ratelimit.RateLimitBudget;
import io.arcllm.telemetry.RateLimitMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code arcllm.modules.rate-limit.*} and the per-provider override, end to end against WireMock. */
class ArcLlmRateLimitAutoConfigurationTests {

    @RegisterExtension
    static final WireMockExtension anthropic = WireMockProviders.server();

    private static final List<Message> HI = List.of(Message.user("hi"));

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ArcLlmAutoConfiguration.class, ArcLlmRateLimitAutoConfiguration.class))
            .withPropertyValues("ANTHROPIC_API_KEY=" + ANTHROPIC_KEY, "OPENAI_API_KEY=",
                    "arcllm.providers.anthropic.base-url=" + anthropic.baseUrl());

    @Test
    void theGlobalSettingsLimitEveryProviderAndARefusedCallIsNeverSent() {
        anthropic.stubFor(post("/v1/messages").willReturn(json(200, ANTHROPIC_ANSWER)));
        runner.withPropertyValues("arcllm.modules.rate-limit.enabled=true", "arcllm.modules.rate-limit.requests-per-minute=2",
                "arcllm.modules.rate-limit.max-wait=0s").run(context -> {
            LlmProvider model = context.getBean(LlmProvider.class);
            model.invoke(HI).block(Duration.ofSeconds(5));
            model.invoke(HI).block(Duration.ofSeconds(5));

            Throwable refused = catchThrowable(() -> model.invoke(HI).block(Duration.ofSeconds(5)));

            assertThat(refused).isInstanceOfSatisfying(ArcLlmRateLimitException.class, e -> {
                assertThat(e.provider()).isEqualTo("anthropic");
                assertThat(e.budget()).isEqualTo(RateLimitBudget.REQUESTS);
            });
            anthropic.verify(exactly(2), postRequestedFor(urlEqualTo("/v1/messages")));
        });
    }

    @Test
    void aProvidersOverrideTurnsTheModuleOnOverTheGlobalSettings() {
        runner.withPropertyValues("arcllm.modules.rate-limit.max-wait=3s",
                "arcllm.providers.anthropic.modules.rate-limit.requests-per-minute=7").run(context -> {
            RateLimitModule module = rateLimitModule(context.getBean(LlmProvider.class));

            RateLimitConfig config = module.limiter().config();
            assertThat(config.requestsPerMinute()).isEqualTo(7L);
            assertThat(config.maxWait()).isEqualTo(Duration.ofSeconds(3));
            assertThat(config.outputTokensPerMinute()).isEqualTo(RateLimitConfig.DEFAULT_OUTPUT_TOKENS_PER_MINUTE);
            assertThat(config.store()).isEqualTo(RateLimitConfig.Store.MEMORY);
        });
    }

    @Test
    void offByDefault() {
        runner.run(context -> assertThat(findRateLimit(context.getBean(LlmProvider.class))).isNull());
    }

    @Test
    void anInvalidValueFailsAtStartupNamingTheProperty() {
        runner.withPropertyValues("arcllm.modules.rate-limit.enabled=true", "arcllm.modules.rate-limit.max-wait=-1s")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("arcllm.modules.rate-limit.max-wait must be >= 0s"));
        runner.withPropertyValues("arcllm.providers.anthropic.modules.rate-limit.requests-per-minute=-3")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("arcllm.providers.anthropic.modules.rate-limit.requests-per-minute must be >= 0"));
    }

    @Test
    void withAMeterRegistryTheModuleRecordsItsMeters() {
        anthropic.stubFor(post("/v1/messages").willReturn(json(200, ANTHROPIC_ANSWER)));
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("arcllm.modules.rate-limit.enabled=true").run(context -> {
            assertThat(context).hasSingleBean(RateLimitMeters.class);
            context.getBean(LlmProvider.class).invoke(HI).block(Duration.ofSeconds(5));

            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.get(RateLimitMeters.WAIT_METER).tag("provider", "anthropic").timer().count()).isEqualTo(1);
            assertThat(meters.get(RateLimitMeters.TOKENS_METER).tags("budget", "output-tokens", "kind", "used")
                    .counter().count()).isPositive();
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void healthShowsEachProvidersRemainingBudget() {
        anthropic.stubFor(post("/v1/messages").willReturn(json(200, ANTHROPIC_ANSWER)
                .withHeader("anthropic-ratelimit-requests-remaining", "40")));
        runner.withConfiguration(AutoConfigurations.of(ArcLlmHealthAutoConfiguration.class))
                .withPropertyValues("arcllm.modules.rate-limit.enabled=true", "arcllm.modules.rate-limit.requests-per-minute=50",
                        "arcllm.modules.rate-limit.output-tokens-per-minute=0").run(context -> {
            context.getBean(LlmProvider.class).invoke(HI).block(Duration.ofSeconds(5));

            Map<String, Object> providers = (Map<String, Object>) context.getBean(ArcLlmHealthIndicator.class).health()
                    .getDetails().get("providers");
            Map<String, Object> rateLimit = (Map<String, Object>) ((Map<String, Object>) providers.get("anthropic")).get("rateLimit");
            assertThat((Map<String, Long>) rateLimit.get("remaining")).containsOnlyKeys("requests")
                    .hasEntrySatisfying("requests", left -> assertThat(left).isBetween(40L, 41L));
            assertThat((Map<String, Long>) rateLimit.get("reportedByProvider")).containsEntry("requests", 40L);
        });
    }

    private static RateLimitModule rateLimitModule(LlmProvider stack) {
        RateLimitModule module = findRateLimit(stack);
        assertThat(module).as("a RateLimitModule in " + stack).isNotNull();
        return module;
    }

    private static RateLimitModule findRateLimit(LlmProvider stack) {
        for (LlmProvider p = stack; p instanceof BaseModule module; p = module.inner()) {
            if (p instanceof RateLimitModule rateLimit) {
                return rateLimit;
            }
        }
        return null;
    }
}
