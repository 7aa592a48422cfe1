package io.arcllm.bench.load;

/**
 * One client's measured round.
 *
 * @param latenciesNanos each measured call's time from subscription to answer
 * @param elapsedNanos wall time of the measured calls
 * @param usage threads, heap, allocation and CPU during them
 * @param connectionsOpened TCP connections the client opened to the stub during them (0 once its pool is warm)
 * @param connectionsClosed connections to the stub closed during them (by either side)
 */
public record RoundResult(long[] latenciesNanos, long elapsedNanos, ResourceMeter.Usage usage, long connectionsOpened,
                          long connectionsClosed) {
}
