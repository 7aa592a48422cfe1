package io.arcllm.bench.load;

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
}
