package io.arcllm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcllm.bench.load.FailoverBenchmarkProbe;
import io.arcllm.bench.stub.StubAnthropicServer;
import org.junit.jupiter.api.Test;

/** "Primary always 503, fallback answers": the registry's fallbacks open no connection per call. */
class FailoverBenchmarkTests {

    @Test
    void atSteadyStateTheRegistrysFallbackOpensNoNewConnectionWhileAnAdapterPerAttemptOpensOnePerCall() {
        try (StubAnthropicServer primary = StubAnthropicServer.start(1);
             StubAnthropicServer fallback = StubAnthropicServer.start(1)) {
            primary.failWith(503);

            long[] registry = FailoverBenchmarkProbe.newConnections(primary, fallback, 100, 20, false);
            long[] perAttempt = FailoverBenchmarkProbe.newConnections(primary, fallback, 100, 20, true);

            assertThat(registry).as("new connections to primary and fallback, registry stack").containsExactly(0, 0);
            assertThat(perAttempt[1]).as("new connections to the fallback, an adapter per attempt").isEqualTo(100);
            assertThat(primary.requestCount()).as("the failing primary never answers 200").isZero();
            assertThat(fallback.requestCount()).isGreaterThanOrEqualTo(200);
        }
    }
}
