package io.arcllm.telemetry;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.LlmStreamCollector;
import io.arcllm.LlmStreamEvent;
import io.arcllm.config.ProviderCatalog;
import io.arcllm.config.TelemetryConfig;
import io.arcllm.module.BaseModule;
import io.arcllm.module.Instrumentation;
import io.arcllm.module.ModuleListener;
import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Observes each logical call: one {@link LlmObservationDocumentation#CHAT} observation from subscription to
 * answer or error, retries and fallbacks included (it is the outermost module). The observation becomes the
 * {@code gen_ai.client.operation.duration} timer and, with a tracer, the span {@code chat {model}}, the parent
 * of the adapter's HTTP client span; its parent is the observation in the subscriber's Reactor context, if
 * any. On an answer it records {@code gen_ai.client.token.usage} and, when the catalog prices the model,
 * {@code arcllm.usage.cost}. A stream ({@link #stream}) is observed the same way, from subscription to its end, with
 * its time to first content as {@value LlmObservationDocumentation#TIME_TO_FIRST_CHUNK_METER} and the usage of its
 * last usage event. It never changes the request, the answer, the events or the error.
 *
 * <p>Created by {@link ArcLlmTelemetry#instrument}; the registry stacks it for you.
 */
public final class TelemetryModule extends BaseModule {

    /** The module's name, as {@link io.arcllm.module.internal.ProviderLoader} exclusions use it. */
    public static final String NAME = Instrumentation.NAME;

    private static final LlmObservationConvention DEFAULT_CONVENTION = new DefaultLlmObservationConvention();

    private final ArcLlmTelemetry telemetry;
    private final TelemetryConfig config;
    private final ProviderCatalog catalog;
    private final ModuleListener listener;

    TelemetryModule(LlmProvider inner, ArcLlmTelemetry telemetry, TelemetryConfig config, ProviderCatalog catalog,
                    ModuleListener listener) {
        super(inner);
        this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
        this.config = Objects.requireNonNull(config, "config");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.listener = ModuleListener.composite(Objects.requireNonNull(listener, "listener"));
    }

    /** The settings. */
    public TelemetryConfig config() {
        return config;
    }

    /** Sends the request through the wrapped stack, observing it; see the class description. */
    @Override
    public Mono<LlmResponse> invoke(LlmRequest request) {
        return Mono.deferContextual(reactorContext -> {
            Call call = start(request, reactorContext);
            return Mono.defer(() -> inner().invoke(request))
                    .doOnSuccess(call::succeeded)
                    .doOnError(call::failed)
                    .doOnCancel(call::cancelled)
                    .contextWrite(call::into);
        });
    }

    /**
     * Streams the request through the wrapped stack as one observation, from subscription to the stream's end,
     * retries and fallbacks before the first content event included. Records the time to the first content event
     * ({@value LlmObservationDocumentation#TIME_TO_FIRST_CHUNK_METER}) and, at the end, the usage of the last usage
     * event, as {@code invoke} does for its answer.
     */
    @Override
    public Flux<LlmStreamEvent> stream(LlmRequest request) {
        return Flux.deferContextual(reactorContext -> {
            Call call = start(request, reactorContext);
            LlmStreamCollector collected = new LlmStreamCollector();
            return Flux.defer(() -> inner().stream(request))
                    .doOnNext(event -> {
                        if (event.isContent() && !collected.hasContent()) {
                            call.firstContent();
                        }
                        collected.accept(event);
                    })
                    .doOnComplete(() -> call.succeeded(collected.isComplete() ? collected.response() : null))
                    .doOnError(call::failed)
                    .doOnCancel(call::cancelled)
                    .contextWrite(call::into);
        });
    }

    private Call start(LlmRequest request, ContextView reactorContext) {
        LlmObservationContext context = new LlmObservationContext(name(), modelName(), request, config.includeContent());
        Observation observation = LlmObservationDocumentation.CHAT.observation(telemetry.convention(),
                DEFAULT_CONVENTION, () -> context, telemetry.observationRegistry());
        Observation parent = reactorContext.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
        if (parent != null) {
            observation.parentObservation(parent);
        }
        return new Call(context, observation.start());
    }

    /** One call's end, recorded once whichever signal comes first. */
    private final class Call {

        private final LlmObservationContext context;
        private final Observation observation;
        private final long startNanos = System.nanoTime();
        private final AtomicBoolean ended = new AtomicBoolean();

        Call(LlmObservationContext context, Observation observation) {
            this.context = context;
            this.observation = observation;
        }

        Context into(Context c) {
            c = c.put(LlmObservationContext.class, context);
            return observation.isNoop() ? c : c.put(ObservationThreadLocalAccessor.KEY, observation);
        }

        void firstContent() {
            telemetry.recordTimeToFirstChunk(context, elapsed());
        }

        void succeeded(@Nullable LlmResponse response) {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            context.setResponse(response);
            if (response != null) {
                telemetry.recordUsage(context, response, catalog);
            }
            observation.stop();
            if (listener != ModuleListener.NONE) {
                listener.onCall(new ModuleListener.CallEvent(context.provider(), context.answeredBy(),
                        context.requestModel(), null, elapsed()));
            }
        }

        void failed(Throwable error) {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            observation.error(error);
            observation.stop();
            if (listener != ModuleListener.NONE) {
                listener.onCall(new ModuleListener.CallEvent(context.provider(), null, context.requestModel(), error,
                        elapsed()));
            }
        }

        void cancelled() {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            context.setCancelled();
            observation.stop();
        }

        private Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - startNanos);
        }
    }
}
