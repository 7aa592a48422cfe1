package io.arcllm;

import static io.arcllm.module.FakeProvider.OK;
import static io.arcllm.module.FakeProvider.apiError;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.arcllm.config.LoadOptions;
import io.arcllm.config.ModuleDefaults;
import io.arcllm.config.ProviderCatalog;
import io.arcllm.config.TelemetryConfig;
import io.arcllm.module.BaseModule;
import io.arcllm.module.FakeAdapters;
import io.arcllm.module.FakeProvider;
import io.arcllm.module.internal.FallbackModule;
import io.arcllm.module.Instrumentation;
import io.arcllm.module.JitterSource;
import io.arcllm.module.ModuleListener;
import io.arcllm.module.RecordingListener;
import io.arcllm.module.internal.RetryModule;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * How the registry stacks telemetry (through a Micrometer-free stand-in {@link Instrumentation}): outermost, one
 * per logical call, never on fallbacks, following the 4-level rule; and who hears the modules' events.
 */
class ProviderRegistryTelemetryTests {

    private static final List<Message> MESSAGES = List.of(Message.user("hi"));

    private final FakeAdapters adapters = new FakeAdapters();
    private final StandInTelemetry telemetry = new StandInTelemetry();
    private final RecordingListener listener = new RecordingListener();
    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

    private ProviderRegistry.Builder registry(ModuleDefaults modules) {
        return ProviderRegistry.builder().adapterFactory(adapters).modules(modules).scheduler(time)
                .jitter(JitterSource.none()).telemetry(telemetry).listener(listener);
    }

    @Test
    void telemetryIsOutermostAndFallbacksAreLoadedWithoutIt() {
        adapters.script("anthropic", apiError(500)).script("openai", OK);
        ModuleDefaults modules = ModuleDefaults.builder().retryEnabled(true).retry(r -> r.maxRetries(0))
                .fallbackEnabled(true).fallback(f -> f.chain("openai")).build();
        LlmProvider model = registry(modules).build().load("anthropic");

        assertThat(model.toString()).isEqualTo("Observed -> RetryModule -> FallbackModule -> Adapter");
        assertThat(model.invoke(MESSAGES).block()).isSameAs(OK);
        assertThat(telemetry.calls).as("one observed call, the logical one").containsExactly("anthropic");
        assertThat(adapters.invocations("openai")).as("the fallback attempted once, unobserved").isEqualTo(1);
    }

    @Test
    void withAfterRetriesTelemetryStillWrapsTheFallbackModuleAndRetriesNeverMultiply() {
        adapters.script("anthropic", apiError(503), apiError(503), apiError(503))
                .script("openai", apiError(502), apiError(502), apiError(502));
        ModuleDefaults modules = ModuleDefaults.builder().retryEnabled(true).retry(r -> r.maxRetries(2))
                .fallbackEnabled(true).fallback(f -> f.chain("openai").afterRetries(true)).build();
        LlmProvider model = registry(modules).build().load("anthropic");

        assertThat(model.toString()).isEqualTo("Observed -> FallbackModule -> RetryModule -> Adapter");
        StepVerifier.create(model.invoke(MESSAGES))
                .then(() -> time.advanceTimeBy(Duration.ofMinutes(1)))
                .verifyErrorSatisfies(e -> assertThat(e).isInstanceOf(ArcLlmApiException.class));
        assertThat(adapters.invocations("anthropic")).isEqualTo(3);
        assertThat(adapters.invocations("openai")).isEqualTo(3);
        assertThat(telemetry.calls).containsExactly("anthropic");
        assertThat(telemetry.events.retries()).as("the fallback's own retries reach the telemetry listener too")
                .extracting(ModuleListener.RetryEvent::provider)
                .containsExactly("anthropic", "anthropic", "openai", "openai");
    }

    @Test
    void telemetryFollowsTheFourLevelRule() {
        adapters.script("anthropic", OK).script("openai", OK);
        ProviderRegistry globallyOn = registry(ModuleDefaults.defaults())
                .override("openai", LoadOptions.builder().telemetry(false).build()).build();
        ProviderRegistry globallyOff = registry(ModuleDefaults.builder().telemetryEnabled(false).build())
                .override("openai", LoadOptions.builder().telemetry(t -> t.includeContent(true)).build()).build();

        assertThat(globallyOn.load("anthropic").toString()).isEqualTo("Observed -> Adapter");
        assertThat(globallyOn.load("openai").toString()).isEqualTo("FakeAdapter");
        assertThat(globallyOff.load("anthropic").toString()).isEqualTo("FakeAdapter");
        assertThat(globallyOff.load("openai").toString()).isEqualTo("Observed -> Adapter");
        assertThat(telemetry.configs).containsExactly(TelemetryConfig.defaults(), new TelemetryConfig(true));
        assertThat(globallyOn.load("anthropic", null, LoadOptions.builder().telemetry(false).build()).toString())
                .as("a call's own options win").isEqualTo("FakeAdapter");
    }

    @Test
    void withoutInstrumentationTelemetrySettingsChangeNothing() {
        adapters.script("anthropic", OK);
        ProviderRegistry registry = ProviderRegistry.builder().adapterFactory(adapters)
                .modules(ModuleDefaults.builder().retryEnabled(true).build()).build();

        assertThat(registry.load("anthropic", null, LoadOptions.builder().telemetry(true).build()).toString())
                .isEqualTo("RetryModule -> Adapter");
    }

    @Test
    void wrapPutsRequestDefaultsBetweenTelemetryAndTheModules() {
        FakeProvider mine = FakeProvider.scripted("anthropic", OK);
        ProviderRegistry registry = registry(ModuleDefaults.builder().retryEnabled(true).build())
                .requestDefaults(100, null).build();

        LlmProvider wrapped = registry.wrap(mine);

        assertThat(wrapped.toString()).isEqualTo("Observed -> RequestDefaultsModule -> RetryModule -> FakeProvider");
        assertThat(registry.wrap(wrapped)).as("already a module").isSameAs(wrapped);
    }

    @Test
    void registryListenersHearEveryStackButTheTelemetryListenerOnlyObservedOnes() {
        adapters.script("anthropic", apiError(429), OK).script("openai", apiError(429), OK);
        ProviderRegistry registry = registry(ModuleDefaults.builder().retryEnabled(true).build())
                .override("openai", LoadOptions.builder().telemetry(false).build()).build();

        for (String id : List.of("anthropic", "openai")) {
            StepVerifier.create(registry.load(id).invoke(MESSAGES))
                    .then(() -> time.advanceTimeBy(Duration.ofSeconds(1)))
                    .expectNext(OK)
                    .verifyComplete();
        }

        assertThat(listener.retries()).extracting(ModuleListener.RetryEvent::provider).containsExactly("anthropic", "openai");
        assertThat(telemetry.events.retries()).extracting(ModuleListener.RetryEvent::provider).containsExactly("anthropic");
        ModuleListener.CallEvent call = new ModuleListener.CallEvent("anthropic", "anthropic", "m", null, Duration.ZERO);
        assertThat(telemetry.callListeners).as("the observed anthropic stack only").singleElement()
                .satisfies(callListener -> callListener.onCall(call));
        assertThat(listener.calls()).as("telemetry reports calls to the registry's listeners").containsExactly(call);
    }

    /** Marks its place in a stack. */
    private static final class Marker extends BaseModule {
        Marker(LlmProvider inner) {
            super(inner);
        }
    }

    /** Records what it instruments and the events it hears; its module records each call it sees. */
    private static final class StandInTelemetry implements Instrumentation {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final List<TelemetryConfig> configs = new ArrayList<>();
        final List<ModuleListener> callListeners = new ArrayList<>();
        final RecordingListener events = new RecordingListener();

        @Override
        public LlmProvider instrument(LlmProvider provider, TelemetryConfig config, ProviderCatalog catalog,
                                      ModuleListener listener) {
            configs.add(config);
            callListeners.add(listener);
            return new Observed(provider);
        }

        @Override
        public ModuleListener listener() {
            return events;
        }

        private final class Observed extends BaseModule {
            Observed(LlmProvider inner) {
                super(inner);
            }

            @Override
            public Mono<LlmResponse> invoke(LlmRequest request) {
                return Mono.defer(() -> {
                    calls.add(name());
                    return inner().invoke(request);
                });
            }
        }
    }
}
