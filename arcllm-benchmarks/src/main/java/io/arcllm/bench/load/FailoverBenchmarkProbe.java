package io.arcllm.bench.load;

import io.arcllm.bench.stub.StubAnthropicServer;

/** Test access to {@link FailoverBenchmark}'s measured run. */
public final class FailoverBenchmarkProbe {

    private FailoverBenchmarkProbe() {
    }

    /** New TCP connections {primary, fallback} during {@code calls} measured calls, after the warm-up. */
    public static long[] newConnections(StubAnthropicServer primary, StubAnthropicServer fallback, int calls, int inFlight,
                                        boolean adapterPerAttempt) {
        FailoverBenchmark.Result result = FailoverBenchmark.run("probe", primary, fallback, calls, inFlight, adapterPerAttempt);
        return new long[] {result.newPrimaryConnections(), result.newFallbackConnections()};
    }
}
