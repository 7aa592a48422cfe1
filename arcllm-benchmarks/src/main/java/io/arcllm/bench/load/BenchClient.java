package io.arcllm.bench.load;

import java.util.Objects;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;

/**
 * One client under test, pointed at the stub. Each {@link #call()} sends the same request
 * ({@link io.arcllm.bench.stub.CannedAnswers#PROMPT}) and emits the answer's text, so the driver can
 * check that every client really read the whole answer.
 */
public interface BenchClient extends AutoCloseable {

    /** The client's name in the results table. */
    String label();

    /** A cold {@code Mono}: each subscription is one call; it emits the answer's text. */
    Mono<String> call();

    /** Releases the client's connections and threads. */
    @Override
    void close();

    /**
     * A client from its parts.
     *
     * @param calls makes one call's {@code Mono}; deferred, so each subscription calls it anew
     * @param closer releases what the client holds
     */
    static BenchClient of(String label, Supplier<Mono<String>> calls, Runnable closer) {
        return new Parts(Objects.requireNonNull(label, "label"), Objects.requireNonNull(calls, "calls"),
                Objects.requireNonNull(closer, "closer"));
    }

    /** What {@link #of} returns. */
    record Parts(String label, Supplier<Mono<String>> calls, Runnable closer) implements BenchClient {

        @Override
        public Mono<String> call() {
            return Mono.defer(calls);
        }

        @Override
        public void close() {
            closer.run();
        }
    }
}
