package io.arcllm.test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.arcllm.test.wire.ProviderWire;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The response writers stay usable without WireMock, JUnit or Spring on the classpath (the sample app's demo
 * simulators use them at run time with those excluded): no class of {@code io.arcllm.test.wire} names a type of
 * theirs. A class file's constant pool holds the name of every type it uses.
 */
class WirePackageDependenciesTests {

    @ParameterizedTest
    @ValueSource(strings = {"ProviderWire", "AnthropicWire", "OpenAiWire"})
    void writersUseNoWireMockJUnitOrSpringType(String simpleName) throws IOException {
        String constantPool = classFile(simpleName);

        assertThat(constantPool).contains("tools/jackson/databind");
        assertThat(List.of("com/github/tomakehurst", "wiremock", "org/junit", "org/springframework"))
                .allSatisfy(banned -> assertThat(constantPool).doesNotContain(banned));
    }

    private static String classFile(String simpleName) throws IOException {
        String resource = "/" + ProviderWire.class.getPackageName().replace('.', '/') + "/" + simpleName + ".class";
        try (InputStream in = ProviderWire.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
