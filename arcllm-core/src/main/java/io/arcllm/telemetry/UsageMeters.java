package io.arcllm.telemetry;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.arcllm.LlmResponse;
import io.arcllm.Usage;
import io.arcllm.config.ModelMetadata;
import io.arcllm.config.ProviderCatalog;
import io.arcllm.module.ModuleListener;
import io.arcllm.module.ProviderCircuit;
import io.arcllm.telemetry.LlmObservationDocumentation.LowCardinalityKeyNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The meters ArcLLM records itself, beside the observation's timer: token usage, cost, retries, fallbacks,
 * circuit breaker states and transitions, and retries refused by a spent retry budget.
 * The only class of the package that needs {@code micrometer-core}; it is created only when a
 * {@link MeterRegistry} is given.
 */
final class UsageMeters {

    private static final double[] TOKEN_BUCKETS = {1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576,
            4194304, 16777216, 67108864};

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> circuitStates =
            new ConcurrentHashMap<>();

    /** The usage meters (and prices) of each provider, model asked, model answered and catalog: built once. */
    private final Map<UsageKey, UsageSet> usageMeters = new ConcurrentHashMap<>();
    private final Map<List<String>, Timer> firstChunkTimers = new ConcurrentHashMap<>();

    UsageMeters(MeterRegistry registry) {
        this.registry = registry;
        // A meter removed from the registry (MeterRegistry.clear(), say) is registered anew at its next use.
        registry.config().onMeterRemoved(meter -> {
            usageMeters.clear();
            firstChunkTimers.clear();
        });
    }

    /** An observation registry whose observations become timers in {@code meterRegistry}, GenAI-named. */
    static ObservationRegistry observationRegistryFor(MeterRegistry meterRegistry) {
        meterRegistry.config().meterFilter(new GenAiMeterFilter());
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new CachingMeterObservationHandler(meterRegistry));
        return observations;
    }

    /** Records the tokens of an answer and, when the catalog prices its model, its cost. */
    void recordUsage(LlmObservationContext context, LlmResponse response, ProviderCatalog catalog) {
        Usage usage = response.usage();
        UsageSet meters = cached(usageMeters, new UsageKey(context.provider(), context.requestModel(),
                response.model(), context.answeredBy(), catalog), this::usageSet);
        meters.input().record(UsageCost.allInputTokens(usage));
        meters.output().record(usage.outputTokens());
        if (meters.cost() != null) {
            meters.cost().increment(UsageCost.usd(usage, meters.prices()));
        }
    }

    private UsageSet usageSet(UsageKey key) {
        Tags tags = Tags.of(
                LowCardinalityKeyNames.OPERATION_NAME.asString(), DefaultLlmObservationConvention.OPERATION,
                LowCardinalityKeyNames.PROVIDER_NAME.asString(), key.provider(),
                LowCardinalityKeyNames.REQUEST_MODEL.asString(), key.requestModel(),
                LowCardinalityKeyNames.RESPONSE_MODEL.asString(), key.responseModel());
        ModelMetadata prices = UsageCost.prices(key.catalog(), key.answeredBy(), key.responseModel()).orElse(null);
        Counter cost = prices == null ? null : Counter.builder(LlmObservationDocumentation.COST_METER)
                .description("Money spent on LLM calls, from the catalog's prices")
                .baseUnit("usd")
                .tags(tags)
                .register(registry);
        return new UsageSet(tokens(tags, "input"), tokens(tags, "output"), prices, cost);
    }

    /** Records a stream's time to its first content event. */
    void recordTimeToFirstChunk(LlmObservationContext context, Duration elapsed) {
        cached(firstChunkTimers, List.of(context.provider(), context.requestModel()), key ->
                Timer.builder(LlmObservationDocumentation.TIME_TO_FIRST_CHUNK_METER)
                        .description("Time from sending a streamed LLM request to its first content event")
                        .tags(LowCardinalityKeyNames.OPERATION_NAME.asString(), DefaultLlmObservationConvention.OPERATION,
                                LowCardinalityKeyNames.PROVIDER_NAME.asString(), key.get(0),
                                LowCardinalityKeyNames.REQUEST_MODEL.asString(), key.get(1))
                        .register(registry))
                .record(elapsed);
    }

    /**
     * The value cached for {@code key}, else a new one. Not {@code computeIfAbsent}: registering a meter takes the
     * registry's lock, whose meter-removed listener clears these maps, so no map lock may be held meanwhile.
     */
    static <K, V> V cached(Map<K, V> cache, K key, Function<K, V> create) {
        V value = cache.get(key);
        if (value == null) {
            value = create.apply(key);
            V raced = cache.putIfAbsent(key, value);
            value = raced != null ? raced : value;
        }
        return value;
    }

    /** Counts one retry. */
    void recordRetry(ModuleListener.RetryEvent event) {
        Counter.builder(LlmObservationDocumentation.RETRY_METER)
                .description("Retries of failed LLM calls")
                .tags("provider", event.provider(), "reason", event.reason())
                .register(registry)
                .increment();
    }

    /** Counts one fallback tried. */
    void recordFallback(ModuleListener.FallbackEvent event) {
        Counter.builder(LlmObservationDocumentation.FALLBACK_METER)
                .description("Fallback providers tried after a provider failed")
                .tags("from", event.from(), "to", event.to(), "outcome", event.outcome().tagValue())
                .register(registry)
                .increment();
    }

    /** Counts one change of a circuit's state and keeps its state gauge (0 closed, 1 half-open, 2 open) current. */
    void recordCircuitTransition(ModuleListener.CircuitEvent event) {
        Counter.builder(LlmObservationDocumentation.CIRCUIT_TRANSITION_METER)
                .description("Changes of state of the providers' circuit breakers")
                .tags("provider", event.provider(), "from", tagValue(event.from()), "to", tagValue(event.to()))
                .register(registry)
                .increment();
        circuitStates.computeIfAbsent(event.provider(), provider -> {
            AtomicInteger state = new AtomicInteger();
            Gauge.builder(LlmObservationDocumentation.CIRCUIT_STATE_METER, state,
                            AtomicInteger::get)
                    .description("State of the provider's circuit breaker: 0 closed, 1 half-open, 2 open")
                    .tag("provider", provider)
                    .register(registry);
            return state;
        }).set(gaugeValue(event.to()));
    }

    /** Counts one retry refused for a spent retry budget. */
    void recordRetryRefused(ModuleListener.RetryRefusedEvent event) {
        Counter.builder(LlmObservationDocumentation.RETRY_BUDGET_METER)
                .description("Retries not made because the provider's retry budget was spent")
                .tag("provider", event.provider())
                .register(registry)
                .increment();
    }

    private static String tagValue(ProviderCircuit.State state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    private static int gaugeValue(ProviderCircuit.State state) {
        return switch (state) {
            case CLOSED -> 0;
            case HALF_OPEN -> 1;
            case OPEN -> 2;
        };
    }

    private DistributionSummary tokens(Tags tags, String type) {
        return DistributionSummary.builder(LlmObservationDocumentation.TOKEN_USAGE_METER)
                .description("Tokens used by LLM calls")
                .baseUnit("tokens")
                .serviceLevelObjectives(TOKEN_BUCKETS)
                .tags(tags)
                .tag("gen_ai.token.type", type)
                .register(registry);
    }

    /** What the usage meters of a call depend on; the catalog by identity (each telemetry module has one). */
    private record UsageKey(String provider, String requestModel, String responseModel, String answeredBy,
                            ProviderCatalog catalog) {

        @Override
        public boolean equals(Object other) {
            return other instanceof UsageKey key && key.catalog == catalog && key.provider.equals(provider)
                    && key.requestModel.equals(requestModel) && key.responseModel.equals(responseModel)
                    && key.answeredBy.equals(answeredBy);
        }

        @Override
        public int hashCode() {
            return ((provider.hashCode() * 31 + requestModel.hashCode()) * 31 + responseModel.hashCode()) * 31
                    + answeredBy.hashCode();
        }
    }

    /** The meters a call's usage goes to; cost and prices null when the catalog does not price the model. */
    private record UsageSet(DistributionSummary input, DistributionSummary output, @Nullable ModelMetadata prices,
                            @Nullable Counter cost) {
    }
}
