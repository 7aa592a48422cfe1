package io.arcllm.sample.demo;

import java.util.Optional;

import io.arcllm.LlmProvider;
import io.arcllm.ProviderRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Switches the sample into demo mode when no API key is configured for the default provider (see
 * {@link DemoMode}): before any ArcLLM bean exists it starts the simulated Anthropic and OpenAI APIs,
 * points ArcLLM at them through a property source, registers the simulators as a bean (closed with the
 * context) and the {@link DemoScript} that shows retry and fallback at startup. Otherwise it does
 * nothing, and the app talks only to the configured providers.
 *
 * <p>Registered in {@code META-INF/spring.factories}.
 */
public final class DemoModeInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The bean name of the {@link DemoSimulators} in demo mode. */
    public static final String SIMULATORS_BEAN = "arcllmDemoSimulators";

    private static final Logger log = LoggerFactory.getLogger(DemoModeInitializer.class);

    /** Starts demo mode if it applies; see the class description. */
    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        Optional<String> reason = DemoMode.reason(environment);
        if (reason.isEmpty()) {
            log.debug("API key or base URL configured for the default provider: demo mode is off");
            return;
        }
        if (!(context instanceof GenericApplicationContext registry)) {
            throw new IllegalStateException("demo mode needs a GenericApplicationContext, got " + context.getClass().getName());
        }
        DemoSimulators simulators = DemoSimulators.start();
        try {
            DemoMode.addPropertySource(environment, simulators);
            registry.registerBean(SIMULATORS_BEAN, DemoSimulators.class, () -> simulators);
            registry.registerBean("arcllmDemoScript", DemoScript.class,
                    () -> new DemoScript(simulators, registry.getBean(LlmProvider.class),
                            registry.getBean(ProviderRegistry.class), environment));
        } catch (RuntimeException e) {
            simulators.close();
            throw e;
        }
        logBanner(reason.get(), simulators);
    }

    private static void logBanner(String reason, DemoSimulators simulators) {
        String rule = "=".repeat(96);
        log.info("""

                {}
                  ArcLLM sample app: DEMO MODE, {}.
                  Simulated Anthropic API: {}   Simulated OpenAI API: {}   Simulated Groq API: {}
                  Retry and fallback are on; the demo below shows them at work, then /api/chat keeps serving.
                  To use the real providers, stop the app and run:
                    export ANTHROPIC_API_KEY=sk-ant-...   # and, for fallback, export OPENAI_API_KEY=sk-...
                    ./mvnw -B -pl sample-app -am spring-boot:run
                {}""", rule, reason, simulators.anthropic().baseUrl(), simulators.openai().baseUrl(),
                simulators.groq().baseUrl(), rule);
    }
}
