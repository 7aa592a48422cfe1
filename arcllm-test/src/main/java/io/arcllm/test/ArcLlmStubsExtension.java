package io.arcllm.test;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

import io.arcllm.ProviderRegistry;
import io.arcllm.config.ApiFormat;
import io.arcllm.config.ProviderSettings;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Provider stubs for plain JUnit 5 tests, without Spring:
 * <pre>{@code
 * @RegisterExtension
 * static final ArcLlmStubsExtension llm = ArcLlmStubsExtension.of("anthropic", "openai");
 *
 * @Test
 * void answers() {
 *     llm.provider("anthropic").answers("Paris");
 *     try (LlmProvider provider = llm.registry().load("anthropic")) { ... }
 * }
 * }</pre>
 * In a static field the stubs start once for the class; in an instance field, once per test. Either way each
 * test starts with empty scripts and no recorded requests. Test methods may also take the {@link ArcLlmStubs}
 * as a parameter.
 */
public final class ArcLlmStubsExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        AfterAllCallback, ParameterResolver {

    private final Map<String, ApiFormat> formats;
    private @Nullable ArcLlmStubs stubs;
    private boolean perClass;

    private ArcLlmStubsExtension(Map<String, ApiFormat> formats) {
        this.formats = Collections.unmodifiableMap(new LinkedHashMap<>(formats)); // keeps the order given
    }

    /**
     * Stubs for built-in provider ids ({@code anthropic}, {@code openai}).
     *
     * @throws io.arcllm.ArcLlmConfigException if an id is not built in
     */
    public static ArcLlmStubsExtension of(String... providerIds) {
        Map<String, ApiFormat> formats = new LinkedHashMap<>();
        for (String id : providerIds) {
            formats.put(id, ArcLlmStubs.builtInFormat(id, null));
        }
        return new ArcLlmStubsExtension(formats);
    }

    /** Stubs for provider ids of the given formats (for ids of your own, such as an OpenAI-compatible server). */
    public static ArcLlmStubsExtension of(Map<String, ApiFormat> formats) {
        return new ArcLlmStubsExtension(Objects.requireNonNull(formats, "formats"));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        stubs = ArcLlmStubs.start(formats);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (stubs == null) {
            stubs = ArcLlmStubs.start(formats);
        } else {
            stubs.reset();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass && stubs != null) {
            stubs.close();
            stubs = null;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (stubs != null) {
            stubs.close();
            stubs = null;
        }
    }

    /**
     * The running stubs.
     *
     * @throws IllegalStateException outside a test
     */
    public ArcLlmStubs stubs() {
        if (stubs == null) {
            throw new IllegalStateException("the stubs run only during a test: register the extension with @RegisterExtension");
        }
        return stubs;
    }

    /** The stub of a provider id; see {@link ArcLlmStubs#provider(String)}. */
    public ProviderStub provider(String providerId) {
        return stubs().provider(providerId);
    }

    /** A registry builder wired to the stubs; see {@link ArcLlmStubs#registryBuilder()}. */
    public ProviderRegistry.Builder registryBuilder() {
        return stubs().registryBuilder();
    }

    /** A registry builder wired to the stubs, each provider's settings changed by {@code settings}; see {@link ArcLlmStubs#registryBuilder(UnaryOperator)}. */
    public ProviderRegistry.Builder registryBuilder(UnaryOperator<ProviderSettings.Builder> settings) {
        return stubs().registryBuilder(settings);
    }

    /** A registry wired to the stubs, modules off. */
    public ProviderRegistry registry() {
        return registryBuilder().build();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == ArcLlmStubs.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return stubs();
    }
}
