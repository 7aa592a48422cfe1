package io.arcllm;

import static io.arcllm.module.FakeProvider.OK;
import static io.arcllm.module.FakeProvider.apiError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;

import io.arcllm.config.ModuleDefaults;
import io.arcllm.module.FakeAdapters;
import io.arcllm.module.ModuleListener;
import io.arcllm.module.RecordingListener;
import io.arcllm.telemetry.ArcLlmTelemetry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

/**
 * Core users without Micrometer pay nothing: with {@code micrometer-core} hidden, the registry, retry, fallback
 * and listeners work and load no telemetry class; and tracing-only telemetry (an {@code ObservationRegistry}, no
 * {@code MeterRegistry}) never needs {@code micrometer-core} either. Each scenario runs in a class loader that
 * defines ArcLLM's classes itself and refuses every {@code io.micrometer.core} class.
 */
class NoMicrometerTests {

    @Test
    void modulesAndListenersWorkWithoutMicrometerAndLoadNoTelemetryClass() throws Exception {
        HidingClassLoader loader = new HidingClassLoader("io.micrometer.core.");

        String outcome = loader.run(ModulesOnly.class);

        assertThat(outcome).isEqualTo("Success! after 2 fallback(s), 1 retry event(s)");
        assertThat(loader.defined).contains("io.arcllm.ProviderRegistry", "io.arcllm.module.internal.RetryModule",
                "io.arcllm.module.internal.FallbackModule", "io.arcllm.module.ModuleListener");
        assertThat(loader.defined).noneMatch(name -> name.startsWith("io.arcllm.telemetry."));
        assertThat(loader.refused).isEmpty();
    }

    @Test
    void tracingOnlyTelemetryNeverNeedsMicrometerCore() throws Exception {
        HidingClassLoader loader = new HidingClassLoader("io.micrometer.core.");

        String outcome = loader.run(TracingOnly.class);

        assertThat(outcome).isEqualTo("Success! observed by TelemetryModule");
        assertThat(loader.defined).contains("io.arcllm.telemetry.TelemetryModule", "io.arcllm.telemetry.ArcLlmTelemetry");
        assertThat(loader.refused).isEmpty();
    }

    /** Retry(Fallback): anthropic 503, openai 429, retry, anthropic 503, openai answers. Telemetry on by default, no instrumentation. */
    public static final class ModulesOnly implements Callable<String> {
        @Override
        public String call() {
            FakeAdapters adapters = new FakeAdapters().script("anthropic", apiError(503), apiError(503))
                    .script("openai", apiError(429), OK);
            RecordingListener listener = new RecordingListener();
            ProviderRegistry registry = ProviderRegistry.builder().adapterFactory(adapters).listener(listener)
                    .modules(ModuleDefaults.builder().retryEnabled(true).retry(r -> r.backoffBase(java.time.Duration.ofMillis(1)))
                            .fallbackEnabled(true).fallback(f -> f.chain("openai")).build())
                    .build();
            LlmResponse answer = registry.load("anthropic").invoke(List.of(Message.user("hi"))).block();
            return answer.content() + " after " + listener.fallbacks().size() + " fallback(s), "
                    + listener.retries().size() + " retry event(s)";
        }
    }

    /** Telemetry with an observation registry only. */
    public static final class TracingOnly implements Callable<String> {
        @Override
        public String call() {
            FakeAdapters adapters = new FakeAdapters().script("anthropic", OK);
            ProviderRegistry registry = ProviderRegistry.builder().adapterFactory(adapters)
                    .telemetry(ArcLlmTelemetry.builder().observationRegistry(ObservationRegistry.create()).build())
                    .listener(ModuleListener.NONE)
                    .build();
            LlmProvider model = registry.load("anthropic");
            return model.invoke(List.of(Message.user("hi"))).block().content() + " observed by "
                    + model.getClass().getSimpleName();
        }
    }
}
