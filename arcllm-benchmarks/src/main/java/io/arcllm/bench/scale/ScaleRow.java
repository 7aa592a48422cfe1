package io.arcllm.bench.scale;

import io.arcllm.config.HttpVersion;

/**
 * One client at one scale, measured.
 *
 * @param client the client's label
 * @param version HTTP/1.1 or HTTP/2 (h2c)
 * @param inFlight calls kept in flight (each finished call is replaced at once)
 * @param maxConnections the client's connection limit; over HTTP/1.1 calls beyond it wait in the pool's queue
 * @param calls calls measured
 * @param callsPerSecond measured calls over the measured run's wall time
 * @param peakThreads the JVM's peak live threads during the measured run (the stub's included)
 * @param heapPerCallBytes heap retained per call in flight: used heap after a collection with every call in flight,
 *     minus the same before the client's first call, over the calls then in flight (client and stub together)
 * @param openFds the JVM's open file descriptors after the measured run, its connections still pooled (client and
 *     stub side of each connection, plus the JVM's own files)
 * @param connectionsOpened connections the stub accepted from this client over its whole life (warm-up included)
 * @param cpuMicrosPerCall process CPU time per measured call, the stub's threads left out
 */
record ScaleRow(String client, HttpVersion version, int inFlight, int maxConnections, int calls, double callsPerSecond,
                int peakThreads, long heapPerCallBytes, long openFds, long connectionsOpened, double cpuMicrosPerCall) {

    /** {@code HTTP/1.1} or {@code h2c}. */
    String protocol() {
        return version == HttpVersion.H2 ? "h2c" : "HTTP/1.1";
    }
}
