package io.arcllm.test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import io.arcllm.ArcLlmConfigException;
import io.arcllm.config.ApiFormat;
import io.arcllm.config.ProviderCatalog;
import io.arcllm.config.ProviderSettings;
import io.arcllm.ProviderRegistry;
import org.jspecify.annotations.Nullable;

/**
 * One {@link ProviderStub} per provider id: what {@link AutoConfigureArcLlmStubs} puts in a Spring test's context
 * (inject it with {@code @Autowired}) and what {@link ArcLlmStubsExtension} gives a plain JUnit test.
 * {@link #provider(String)} scripts and verifies one provider; {@link #registryBuilder()} builds a
 * {@link ProviderRegistry} wired to the stubs. Close it to stop the servers.
 */
public final class ArcLlmStubs implements AutoCloseable {

    /** The API key every stubbed provider is configured with; the stubs accept any key. */
    public static final String DUMMY_API_KEY = "sk-arcllm-test-dummy-key";

    private final Map<String, ProviderStub> stubs;

    private ArcLlmStubs(Map<String, ProviderStub> stubs) {
        this.stubs = Collections.unmodifiableMap(stubs);
    }

    /**
     * Starts one stub per provider id, each on a free loopback port.
     *
     * @param formats the API format of each id, in the order the stubs are listed
     * @throws ArcLlmConfigException if an id is invalid
     */
    public static ArcLlmStubs start(Map<String, ApiFormat> formats) {
        Map<String, ProviderStub> stubs = new LinkedHashMap<>();
        try {
            formats.forEach((id, format) -> stubs.put(ProviderSettings.validateId(id), ProviderStub.start(id, format)));
        } catch (RuntimeException e) {
            stubs.values().forEach(ProviderStub::stop);
            throw e;
        }
        return new ArcLlmStubs(stubs);
    }

    /**
     * Starts one stub per built-in provider id ({@code anthropic}, {@code openai}), each in its format.
     *
     * @throws ArcLlmConfigException if an id is not built in (give its format with {@link #start(Map)})
     */
    public static ArcLlmStubs start(String... providerIds) {
        Map<String, ApiFormat> formats = new LinkedHashMap<>();
        for (String id : providerIds) {
            formats.put(id, builtInFormat(id, null));
        }
        return start(formats);
    }

    /**
     * The API format of a built-in id, else {@code configured}.
     *
     * @throws ArcLlmConfigException if the id is not built in and {@code configured} is null
     */
    public static ApiFormat builtInFormat(String providerId, @Nullable ApiFormat configured) {
        if (configured != null) {
            return configured;
        }
        return ProviderCatalog.builtIn().find(providerId).map(ProviderSettings::apiFormat)
                .orElseThrow(() -> new ArcLlmConfigException("arcllm-test: provider '" + providerId
                        + "' is not built in, so its stub needs its API format: set arcllm.providers." + providerId
                        + ".type (anthropic or openai)"));
    }

    /**
     * The stub of a provider id.
     *
     * @throws IllegalArgumentException if no stub stands in for that id (the message lists those that do)
     */
    public ProviderStub provider(String providerId) {
        ProviderStub stub = stubs.get(providerId);
        if (stub == null) {
            throw new IllegalArgumentException("no stub for provider '" + providerId + "'; stubbed: "
                    + String.join(", ", stubs.keySet()));
        }
        return stub;
    }

    /** The stubbed provider ids, in start order. */
    public Set<String> ids() {
        return stubs.keySet();
    }

    /** How many requests reached each stub, by provider id (each retry is one). */
    public Map<String, Integer> attempts() {
        Map<String, Integer> attempts = new LinkedHashMap<>();
        stubs.forEach((id, stub) -> attempts.put(id, stub.attempts()));
        return attempts;
    }

    /** Forgets every stub's script and received requests. */
    public void reset() {
        stubs.values().forEach(ProviderStub::reset);
    }

    /**
     * A registry builder whose catalog points every stubbed id at its stub, with {@link #DUMMY_API_KEY} as key
     * and modules off: add modules, listeners or a scheduler, then build. Ids that are not built in get the
     * default model {@code stub-model}.
     */
    public ProviderRegistry.Builder registryBuilder() {
        return registryBuilder(UnaryOperator.identity());
    }

    /**
     * As {@link #registryBuilder()}, with each stubbed provider's settings changed by {@code settings} after
     * the stub's base URL and key are set: {@code settings -> settings.readTimeout(Duration.ofMillis(300))}.
     */
    public ProviderRegistry.Builder registryBuilder(UnaryOperator<ProviderSettings.Builder> settings) {
        ProviderCatalog catalog = ProviderCatalog.builtIn();
        for (ProviderStub stub : stubs.values()) {
            ProviderSettings.Builder builder = catalog.find(stub.id()).map(ProviderSettings::toBuilder)
                    .orElseGet(() -> ProviderSettings.builder(stub.id(), stub.format()).defaultModel("stub-model"));
            builder.apiFormat(stub.format()).baseUrl(stub.baseUrl()).apiKey(DUMMY_API_KEY);
            catalog = catalog.with(settings.apply(builder).build());
        }
        return ProviderRegistry.builder().catalog(catalog).env(name -> null);
    }

    /** Stops every stub. Idempotent. */
    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        for (ProviderStub stub : stubs.values()) {
            try {
                stub.stop();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    @Override
    public String toString() {
        return "ArcLlmStubs" + stubs.values();
    }
}
