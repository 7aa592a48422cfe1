package io.arcllm.telemetry;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.arcllm.LlmResponse;
import io.arcllm.Usage;
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
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;

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

    UsageMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** An observation registry whose observations become timers in {@code meterRegistry}, GenAI-named. */
    static ObservationRegistry observationRegistryFor(MeterRegistry meterRegistry) {
        meterRegistry.config().meterFilter(new GenAiMeterFilter());
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meterRegistry));
        return observations;
    }

    /** Records the tokens of an answer and, when the catalog prices its model, its cost. */
    void recordUsage(LlmObservationContext context, LlmResponse response, ProviderCatalog catalog) {
        Usage usage = response.usage();
        Tags tags = Tags.of(
                LowCardinalityKeyNames.OPERATION_NAME.asString(), DefaultLlmObservationConvention.OPERATION,
                LowCardinalityKeyNames.PROVIDER_NAME.asString(), context.provider(),
                LowCardinalityKeyNames.REQUEST_MODEL.asString(), context.requestModel(),
                LowCardinalityKeyNames.RESPONSE_MODEL.asString(), response.model());
        tokens(tags, "input").record(UsageCost.allInputTokens(usage));
        tokens(tags, "output").record(usage.outputTokens());
        UsageCost.prices(catalog, context.answeredBy(), response.model()).ifPresent(prices ->
                Counter.builder(LlmObservationDocumentation.COST_METER)
                        .description("Money spent on LLM calls, from the catalog's prices")
                        .baseUnit("usd")
                        .tags(tags)
                        .register(registry)
                        .increment(UsageCost.usd(usage, prices)));
    }

    /** Records a stream's time to its first content event. */
    void recordTimeToFirstChunk(LlmObservationContext context, Duration elapsed) {
        Timer.builder(LlmObservationDocumentation.TIME_TO_FIRST_CHUNK_METER)
                .description("Time from sending a streamed LLM request to its first content event")
                .tags(LowCardinalityKeyNames.OPERATION_NAME.asString(), DefaultLlmObservationConvention.OPERATION,
                        LowCardinalityKeyNames.PROVIDER_NAME.asString(), context.provider(),
                        LowCardinalityKeyNames.REQUEST_MODEL.asString(), context.requestModel())
                .register(registry)
                .record(elapsed);
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
}
