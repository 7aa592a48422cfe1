package io.arcllm.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.StopReason;
import io.arcllm.Usage;
import reactor.core.publisher.Mono;

/** An application-defined provider for tests: answers "ok" and records what it was sent and whether it was closed. */
class StubProvider implements LlmProvider {

    private final String name;
    final List<LlmRequest> requests = new CopyOnWriteArrayList<>();
    volatile boolean closed;

    StubProvider(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String modelName() {
        return "stub-model";
    }

    @Override
    public Mono<LlmResponse> invoke(LlmRequest request) {
        return Mono.fromSupplier(() -> {
            requests.add(request);
            return new LlmResponse("ok", new Usage(1, 1), "stub-model", StopReason.END_TURN);
        });
    }

    @Override
    public void close() {
        closed = true;
    }
}
