package io.arcllm.module;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.arcllm.ArcLlmConfigException;
import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.ProviderRegistry;
import io.arcllm.config.ProviderSettings;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * An {@link ProviderRegistry.AdapterFactory} of fake adapters, so the registry's real stacking can be
 * driven without HTTP. Each provider id answers through one shared behaviour; invocations, loads and
 * closes are counted per id across all the adapters created for it.
 */
public final class FakeAdapters implements ProviderRegistry.AdapterFactory {

    private final Map<String, Function<LlmRequest, Mono<LlmResponse>>> behaviours = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> invocations = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> loads = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> closes = new ConcurrentHashMap<>();

    /** Provider {@code id} answers with the outcomes in order (see {@link FakeProvider#scripted}). */
    public FakeAdapters script(String id, Object... outcomes) {
        FakeProvider script = FakeProvider.scripted(id, outcomes);
        return answer(id, script::invoke);
    }

    /** Provider {@code id} answers each request with {@code behaviour}. */
    public FakeAdapters answer(String id, Function<LlmRequest, Mono<LlmResponse>> behaviour) {
        behaviours.put(id, behaviour);
        return this;
    }

    /** Loading provider {@code id} fails as if it had no API key. */
    public FakeAdapters withoutKey(String id) {
        behaviours.remove(id);
        return this;
    }

    @Override
    public LlmProvider create(ProviderSettings settings, @Nullable String model, WebClient.Builder webClientBuilder,
                              Function<String, String> env) {
        String id = settings.id();
        if (!behaviours.containsKey(id)) {
            throw new ArcLlmConfigException("no API key for provider '" + id + "'");
        }
        count(loads, id);
        return new Adapter(id, model == null ? settings.defaultModel() : model);
    }

    /** How often provider {@code id} was invoked, over all its adapters. */
    public int invocations(String id) {
        return counter(invocations, id).get();
    }

    /** How many adapters were created for {@code id}. */
    public int loads(String id) {
        return counter(loads, id).get();
    }

    /** How many adapters of {@code id} were closed. */
    public int closes(String id) {
        return counter(closes, id).get();
    }

    private static void count(Map<String, AtomicInteger> counters, String id) {
        counter(counters, id).incrementAndGet();
    }

    private static AtomicInteger counter(Map<String, AtomicInteger> counters, String id) {
        return counters.computeIfAbsent(id, key -> new AtomicInteger());
    }

    private final class Adapter implements LlmProvider {
        private final String id;
        private final String model;

        Adapter(String id, String model) {
            this.id = id;
            this.model = model;
        }

        @Override
        public String name() {
            return id;
        }

        @Override
        public String modelName() {
            return model;
        }

        @Override
        public Mono<LlmResponse> invoke(LlmRequest request) {
            count(invocations, id);
            return behaviours.get(id).apply(request);
        }

        @Override
        public void close() {
            count(closes, id);
        }

        @Override
        public String toString() {
            return "FakeAdapter";
        }
    }
}
