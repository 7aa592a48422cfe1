package io.arcllm.internal;

import java.util.ArrayList;
import java.util.List;

import io.arcllm.ArcLlmStreamInterruptedException;
import io.arcllm.LlmStreamCollector;
import io.arcllm.LlmStreamEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Signal;

/**
 * The commit rule of a stream attempt. Until its first content event ({@link LlmStreamEvent#isContent()}) an
 * attempt emits nothing: the events before it (start, usage) are held, a few at most, and go out just ahead of it
 * (or at the end, for an answer without content). So a failure before content leaves the subscriber untouched,
 * and whoever retries or falls back starts a clean stream. Once anything went out, every error becomes an
 * {@link ArcLlmStreamInterruptedException} carrying the partial response, which nothing retries.
 */
public final class StreamCommit {

    private StreamCommit() {
    }

    /** {@code events} under the commit rule; {@code provider} names the stream in an interruption. */
    public static Flux<LlmStreamEvent> guard(String provider, Flux<LlmStreamEvent> events) {
        return Flux.defer(() -> {
            Attempt attempt = new Attempt();
            // The error travels as an item, behind the events received before it: the subscriber gets all of them
            // (as its demand allows) before the error, and the partial response holds them.
            return events.materialize()
                    .concatMapIterable(attempt::onSignal, 2)
                    .<LlmStreamEvent>dematerialize()
                    .doOnNext(attempt::delivered)
                    .onErrorMap(Exception.class::isInstance, error -> attempt.translate(provider, error));
        });
    }

    private static final class Attempt {
        private final List<LlmStreamEvent> held = new ArrayList<>(2);
        private boolean open;
        private boolean committed;
        private final LlmStreamCollector collected = new LlmStreamCollector();

        List<Signal<LlmStreamEvent>> onSignal(Signal<LlmStreamEvent> signal) {
            if (signal.isOnNext()) {
                return hold(signal.get()).stream().map(Signal::next).toList();
            }
            if (signal.isOnComplete()) {
                List<Signal<LlmStreamEvent>> out = new ArrayList<>();
                release().forEach(event -> out.add(Signal.next(event)));
                out.add(signal);
                return out;
            }
            return List.of(signal);
        }

        List<LlmStreamEvent> hold(LlmStreamEvent event) {
            if (open) {
                return List.of(event);
            }
            if (!event.isContent()) {
                // Usage is cumulative: a later report replaces an earlier one, so what is held stays small.
                held.removeIf(h -> h instanceof LlmStreamEvent.UsageReported && event instanceof LlmStreamEvent.UsageReported);
                held.add(event);
                return List.of();
            }
            return release(event);
        }

        private List<LlmStreamEvent> release(LlmStreamEvent first) {
            open = true;
            List<LlmStreamEvent> out = new ArrayList<>(held);
            out.add(first);
            held.clear();
            return out;
        }

        List<LlmStreamEvent> release() {
            open = true;
            List<LlmStreamEvent> out = List.copyOf(held);
            held.clear();
            return out;
        }

        void delivered(LlmStreamEvent event) {
            collected.accept(event);
            // Anything delivered was released with (or after) content, and the subscriber has seen it: the attempt
            // is committed even if the content itself still waits in a queue for demand when an error arrives.
            committed = true;
        }

        Throwable translate(String provider, Throwable error) {
            if (!committed || error instanceof ArcLlmStreamInterruptedException) {
                return error;
            }
            return new ArcLlmStreamInterruptedException(provider, collected.partialResponse(), error);
        }
    }
}
