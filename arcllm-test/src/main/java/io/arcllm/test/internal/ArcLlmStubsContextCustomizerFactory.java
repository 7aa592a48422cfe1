package io.arcllm.test.internal;

import java.util.List;

import io.arcllm.test.AutoConfigureArcLlmStubs;
import org.jspecify.annotations.Nullable;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Gives a test class annotated {@link AutoConfigureArcLlmStubs} (or nested in one) its stubs. Registered in
 * {@code META-INF/spring.factories}, as the TestContext framework loads its default factories.
 */
public final class ArcLlmStubsContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
                                                                List<ContextConfigurationAttributes> configAttributes) {
        AutoConfigureArcLlmStubs annotation =
                TestContextAnnotationUtils.findMergedAnnotation(testClass, AutoConfigureArcLlmStubs.class);
        return annotation == null ? null : new ArcLlmStubsContextCustomizer(List.of(annotation.value()));
    }
}
