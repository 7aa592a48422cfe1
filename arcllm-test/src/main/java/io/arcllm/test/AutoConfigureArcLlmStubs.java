package io.arcllm.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Points the application's LLM providers at scripted stubs in a {@code @SpringBootTest}. Before the context
 * starts, one {@link ProviderStub} starts per provider id, and {@code arcllm.providers.<id>.base-url} and
 * {@code arcllm.providers.<id>.api-key} ({@link ArcLlmStubs#DUMMY_API_KEY}) are set to it, over any other
 * property source. The {@link ArcLlmStubs} is a bean of the context:
 * <pre>{@code
 * @SpringBootTest
 * @AutoConfigureArcLlmStubs
 * class AgentTests {
 *     @Autowired ArcLlmStubs llm;
 *     @Autowired Agent agent;
 *
 *     @Test
 *     void answers() {
 *         llm.provider("anthropic").answers("Paris");
 *         assertThat(agent.ask("Capital of France?")).isEqualTo("Paris");
 *         assertThat(llm.provider("anthropic").lastRequest().lastUserText()).isEqualTo("Capital of France?");
 *     }
 * }
 * }</pre>
 * Which ids: those {@link #value()} names; else every id the application's configuration mentions
 * ({@code arcllm.providers.<id>.*}, {@code arcllm.defaults.provider}, or {@code anthropic} when unset, and every
 * fallback chain), plus each built-in id whose API key variable is set in the environment, so that no test
 * reaches a real provider. Of the ids found in the configuration, one that is not built in is stubbed when it
 * has {@code arcllm.providers.<id>.type} (else it only configures the modules of a bean of the application's own);
 * an id named in {@link #value()} that is not built in must have it.
 *
 * <p>Each test method starts with empty scripts and no recorded requests. The stubs live as long as the
 * (cached) context and stop when it closes; test classes with the same configuration share them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureArcLlmStubs {

    /** The provider ids to stub; empty (the default) means every id the application configures. */
    String[] value() default {};
}
