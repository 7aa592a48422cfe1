package io.arcllm.test.internal;

import io.arcllm.test.ArcLlmStubs;
import io.arcllm.test.AutoConfigureArcLlmStubs;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.TestExecutionListener;

/**
 * Resets the stubs before each test method of a class annotated {@link AutoConfigureArcLlmStubs}, so that no
 * script or recorded request leaks from one test into the next (the context, and so the stubs, is shared).
 * Registered in {@code META-INF/spring.factories}.
 */
public final class ArcLlmStubsTestExecutionListener implements TestExecutionListener, Ordered {

    @Override
    public void beforeTestMethod(TestContext testContext) {
        if (TestContextAnnotationUtils.hasAnnotation(testContext.getTestClass(), AutoConfigureArcLlmStubs.class)) {
            testContext.getApplicationContext().getBean(ArcLlmStubs.class).reset();
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 100;
    }
}
