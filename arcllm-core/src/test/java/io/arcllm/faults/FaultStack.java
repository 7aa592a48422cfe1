package io.arcllm.faults;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.Message;
import io.arcllm.ProviderRegistry;
import io.arcllm.adapter.internal.AnthropicAdapter;
import io.arcllm.config.ModuleDefaults;
import io.arcllm.config.ProviderCatalog;
import io.arcllm.config.ProviderSettings;
import io.arcllm.module.internal.FallbackModule;
import io.arcllm.module.JitterSource;
import io.arcllm.module.internal.RetryModule;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The full stack under test, built the way an application (or the Spring auto-configuration) builds it: a
 * {@link ProviderRegistry} over the built-in catalog with the base URLs pointed at local servers, keys from an
 * injected environment, retry and fallback switched on globally. The primary is {@code anthropic}, its fallback
 * chain is {@code [openai]}; stacked {@code Retry(Fallback(Adapter))}, or {@code Fallback(Retry(Adapter))} with
 * {@code afterRetries}. Retry: {@value #MAX_RETRIES} retries, 1 s base, no jitter, on a
 * {@link TimeSkippingScheduler}, so waits are exact and virtual.
 */
final class FaultStack implements AutoCloseable {

    static final String ANTHROPIC_KEY = "sk-ant-faults-7Qx2Lm9Vb4Kd8Rt1";
    static final String OPENAI_KEY = "sk-openai-faults-3Hn6Wc0Zp5Jy2Fs8";
    static final Function<String, String> ENV =
            Map.of("ANTHROPIC_API_KEY", ANTHROPIC_KEY, "OPENAI_API_KEY", OPENAI_KEY)::get;

    static final int MAX_RETRIES = 2;
    /** The waits of {@value #MAX_RETRIES} retries without {@code Retry-After}: 1 s, then 2 s. */
    static final List<Duration> BACKOFF = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2));
    static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(5);

    static final String ANTHROPIC_PATH = "/v1/messages";
    static final String OPENAI_PATH = "/v1/chat/completions";
    static final String QUESTION = "What is 2 + 2?";
    static final LlmRequest REQUEST = LlmRequest.builder().message(Message.user(QUESTION)).maxTokens(64).build();

    static final String PRIMARY_ANSWER = "4, says Anthropic";
    static final String FALLBACK_ANSWER = "4, says OpenAI";
    static final String ANTHROPIC_OK = """
            {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-20250514",
             "content":[{"type":"text","text":"%s"}],"stop_reason":"end_turn",
             "usage":{"input_tokens":12,"output_tokens":6}}""".formatted(PRIMARY_ANSWER);
    static final String OPENAI_OK = """
            {"id":"chatcmpl-1","object":"chat.completion","model":"gpt-4o",
             "choices":[{"index":0,"message":{"role":"assistant","content":"%s"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":12,"completion_tokens":6,"total_tokens":18}}""".formatted(FALLBACK_ANSWER);

    private final TimeSkippingScheduler clock;
    private final Map<String, AtomicInteger> sent = new ConcurrentHashMap<>();
    private final ProviderRegistry registry;
    private final LlmProvider provider;

    /**
     * @param primaryReadTimeout the primary's read timeout (the fallback's is {@link #DEFAULT_READ_TIMEOUT})
     */
    FaultStack(String primaryBaseUrl, String fallbackBaseUrl, boolean afterRetries, Duration primaryReadTimeout) {
        this(primaryBaseUrl, fallbackBaseUrl, afterRetries, primaryReadTimeout, UnaryOperator.identity(), null);
        assertStacking(afterRetries);
    }

    /**
     * The stack with more modules or without fallback ({@code modules} applied over the usual settings) and a call
     * deadline ({@code arcllm.defaults.timeout}). With a deadline, its timer is held in virtual time until the clock
     * reaches it (see {@link TimeSkippingScheduler}); retry waits still run at once.
     */
    FaultStack(String primaryBaseUrl, String fallbackBaseUrl, boolean afterRetries, Duration primaryReadTimeout,
               UnaryOperator<ModuleDefaults.Builder> modules, @Nullable Duration deadline) {
        clock = new TimeSkippingScheduler(deadline == null ? 0 : 1);
        ProviderCatalog builtIn = ProviderCatalog.builtIn();
        ProviderSettings anthropic = builtIn.find("anthropic").orElseThrow().toBuilder()
                .baseUrl(primaryBaseUrl).readTimeout(primaryReadTimeout).build();
        ProviderSettings openai = builtIn.find("openai").orElseThrow().toBuilder()
                .baseUrl(fallbackBaseUrl).readTimeout(DEFAULT_READ_TIMEOUT).build();
        ExchangeFilterFunction countSent = (request, next) -> {
            sent.computeIfAbsent(request.url().getPath(), path -> new AtomicInteger()).incrementAndGet();
            return next.exchange(request);
        };
        registry = ProviderRegistry.builder()
                .catalog(builtIn.with(anthropic).with(openai))
                .modules(modules.apply(ModuleDefaults.builder()
                        .retryEnabled(true)
                        .retry(r -> r.maxRetries(MAX_RETRIES).backoffBase(Duration.ofSeconds(1)).maxWait(Duration.ofSeconds(60)))
                        .fallbackEnabled(true)
                        .fallback(f -> f.chain("openai").afterRetries(afterRetries)))
                        .build())
                .defaultTimeout(deadline)
                .env(ENV)
                .scheduler(clock)
                .jitter(JitterSource.none())
                .webClientBuilder(WebClient.builder().filter(countSent))
                .build();
        provider = registry.load("anthropic");
    }

    private void assertStacking(boolean afterRetries) {
        Class<?> outer = afterRetries ? FallbackModule.class : RetryModule.class;
        Class<?> middle = afterRetries ? RetryModule.class : FallbackModule.class;
        assertThat(provider).isInstanceOf(outer);
        LlmProvider below = ((io.arcllm.module.BaseModule) provider).inner();
        assertThat(below).isInstanceOf(middle);
        assertThat(io.arcllm.internal.ProviderHandle.unwrap(((io.arcllm.module.BaseModule) below).inner())).isInstanceOf(AnthropicAdapter.class);
    }

    /** A WireMock server on a dynamic port whose connections {@code counter} counts. */
    static WireMockExtension wireMock(ConnectionCounter counter) {
        return WireMockExtension.newInstance()
                .options(wireMockConfig().dynamicPort().networkTrafficListener(counter))
                .build();
    }

    /** Sends {@link #REQUEST} through the stack and waits (at most 30 s) for how the call ends. */
    Run call() {
        long start = System.nanoTime();
        LlmResponse response = null;
        Throwable error = null;
        try {
            // Not block(): it would attach a suppressed "#block terminated with an error" to the caller's exception.
            response = provider.invoke(REQUEST).toFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            error = e.getCause();
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("the call did not end within 30 s", e);
        }
        return new Run(response, error, Duration.ofNanos(System.nanoTime() - start), clock.waits());
    }

    /** The retry waits asked for so far, in virtual time. */
    List<Duration> waits() {
        return clock.waits();
    }

    /** How many exchanges the stack started to {@code path} (counted in the WebClient, above Reactor Netty). */
    int sent(String path) {
        AtomicInteger count = sent.get(path);
        return count == null ? 0 : count.get();
    }

    LlmProvider provider() {
        return provider;
    }

    /** Closes the stack and its registry, whose adapters own the connection pools. */
    @Override
    public void close() {
        provider.close();
        registry.close();
    }

    /**
     * How one call ended.
     *
     * @param realTime wall-clock time of the call
     * @param waits the retry waits it asked for, in virtual time
     */
    record Run(@Nullable LlmResponse response, @Nullable Throwable error, Duration realTime, List<Duration> waits) {
    }
}
