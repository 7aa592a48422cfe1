package io.arcllm.telemetry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * Records exactly the meters of Micrometer's {@link DefaultMeterObservationHandler} — a {@code <name>.active}
 * long task timer while an observation runs, and a {@code <name>} timer tagged with its low-cardinality key values
 * and {@code error} (the error's simple class name, or {@code none}) when it stops — but keeps each meter once
 * registered, keyed by the observation's name and key values, so a call costs a map lookup instead of building
 * tags, a meter id and a registry lookup twice. Used by {@link ArcLlmTelemetry#of} for the registry it creates;
 * an application's own {@link io.micrometer.observation.ObservationRegistry} keeps its own handlers.
 *
 * <p>When any meter is removed from the registry ({@code MeterRegistry.clear()} in tests, say) the kept meters are
 * forgotten, so the next call registers its meters anew, as the default handler would.
 */
final class CachingMeterObservationHandler implements MeterObservationHandler<Observation.Context> {

    private static final String NO_ERROR = "none";

    private final MeterRegistry registry;
    private final Map<MeterKey, LongTaskTimer> active = new ConcurrentHashMap<>();
    private final Map<MeterKey, Timer> timers = new ConcurrentHashMap<>();

    CachingMeterObservationHandler(MeterRegistry registry) {
        this.registry = registry;
        // A meter removed from the registry (MeterRegistry.clear(), say) is registered anew at its next use.
        registry.config().onMeterRemoved(meter -> {
            active.clear();
            timers.clear();
        });
    }

    @Override
    public void onStart(Observation.Context context) {
        MeterKey key = new MeterKey(context.getName(), context.getLowCardinalityKeyValues(), null);
        LongTaskTimer timer = UsageMeters.cached(active, key,
                k -> registry.more().longTaskTimer(k.name() + ".active", tags(k.values(), null)));
        context.put(LongTaskTimer.Sample.class, timer.start());
        context.put(Timer.Sample.class, Timer.start(registry));
    }

    @Override
    public void onStop(Observation.Context context) {
        Throwable error = context.getError();
        MeterKey key = new MeterKey(context.getName(), context.getLowCardinalityKeyValues(),
                error != null ? error.getClass().getSimpleName() : NO_ERROR);
        Timer timer = UsageMeters.cached(timers, key, k -> registry.timer(k.name(), tags(k.values(), k.error())));
        context.<Timer.Sample>getRequired(Timer.Sample.class).stop(timer);
        context.<LongTaskTimer.Sample>getRequired(LongTaskTimer.Sample.class).stop();
    }

    @Override
    public void onEvent(Observation.Event event, Observation.Context context) {
        Counter.builder(context.getName() + "." + event.getName())
                .tags(tags(context.getLowCardinalityKeyValues(), null))
                .register(registry)
                .increment();
    }

    private static List<Tag> tags(KeyValues values, @Nullable String error) {
        List<Tag> tags = new ArrayList<>();
        for (KeyValue value : values) {
            tags.add(Tag.of(value.getKey(), value.getValue()));
        }
        if (error != null) {
            tags.add(Tag.of("error", error));
        }
        return tags;
    }

    /** A meter's identity before the registry's filters: observation name, key values, error (timers only). */
    private record MeterKey(String name, KeyValues values, @Nullable String error) {
    }
}
