package io.arcllm.internal;

import java.util.ArrayList;
import java.util.List;

import io.arcllm.ArcLlmStreamInterruptedException;
import io.arcllm.LlmStreamCollector;
import io.arcllm.LlmStreamEvent;
import reactor.core.publisher.Flux;

/**
 * The commit rule of a stream attempt. Until its first content event ({@link LlmStreamEvent#isContent()}) an
 * attempt emits nothing: the events before it (start, usage) are held, a few at most, and go out just ahead of it
 * (or at the end, for an answer without content). So a failure before content leaves the subscriber untouched,
 * and whoever retries or falls back starts a clean stream. Once content went out, every error becomes an
 * {@link ArcLlmStreamInterruptedException} carrying the partial response, which nothing retries.
 */
public final class StreamCommit {

    private StreamCommit() {
    }

    /** {@code events} under the commit rule; {@code provider} names the stream in an interruption. */
    public static Flux<LlmStreamEvent> guard(String provider, Flux<LlmStreamEvent> events) {
        return Flux.defer(() -> {
            Attempt attempt = new Attempt();
            return events.concatMapIterable(attempt::hold, 2)
                    .concatWith(Flux.defer(() -> Flux.fromIterable(attempt.release())))
                    .doOnNext(attempt::delivered)
                    .onErrorMap(Exception.class::isInstance, error -> attempt.translate(provider, error));
        });
    }

    private static final class Attempt {
        private final List<LlmStreamEvent> held = new ArrayList<>(2);
        private boolean open;
        private boolean committed;
        private final LlmStreamCollector collected = new LlmStreamCollector();

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
            committed |= event.isContent();
        }

        Throwable translate(String provider, Throwable error) {
            if (!committed || error instanceof ArcLlmStreamInterruptedException) {
                return error;
            }
            return new ArcLlmStreamInterruptedException(provider, collected.partialResponse(), error);
        }
    }
}
