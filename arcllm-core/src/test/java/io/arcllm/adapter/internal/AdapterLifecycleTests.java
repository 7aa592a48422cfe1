package io.arcllm.adapter.internal;

import io.arcllm.adapter.internal.BaseAdapter;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.arcllm.adapter.internal.AdapterTestSupport.KEY;
import static io.arcllm.adapter.internal.AdapterTestSupport.call;
import static io.arcllm.adapter.internal.AdapterTestSupport.failure;
import static io.arcllm.adapter.internal.AdapterTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.arcllm.LlmResponse;
import io.arcllm.Message;
import io.arcllm.adapter.internal.AdapterTestSupport.Format;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/** What holds for both adapters as objects: identity, resources, the builder they are given, concurrency, logs. */
class AdapterLifecycleTests {

    @RegisterExtension
    static WireMockExtension wireMock = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().containerThreads(150)).build();

    private static final List<Message> HI = List.of(Message.user("Hi"));

    @ParameterizedTest
    @EnumSource(Format.class)
    void toStringShowsTheProviderAndModelButNeverTheKey(Format format) {
        try (BaseAdapter adapter = format.adapter(wireMock)) {
            assertThat(adapter.toString()).contains("provider=" + format.id, "model=" + format.model).doesNotContain(KEY);
            assertThat(adapter.name()).isEqualTo(format.id);
            assertThat(adapter.modelName()).isEqualTo(format.model);
        }
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void closeIsIdempotentAndAClosedAdapterSendsNothing(Format format) {
        BaseAdapter adapter = format.adapter(wireMock);
        assertThat(adapter.validateConfig()).isTrue();

        adapter.close();
        adapter.close();

        assertThat(adapter.validateConfig()).isFalse();
        assertThat(failure(adapter.invoke(HI))).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        wireMock.verify(0, format.sentWithKey());
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void usesACloneOfTheBuilderKeepingItsHeadersAndLeavingItUnchanged(Format format) {
        wireMock.stubFor(format.endpoint().willReturn(json(format.okBody)));
        wireMock.stubFor(get("/big")
                .willReturn(aResponse().withBody("x".repeat(5000))));
        WebClient.Builder shared = WebClient.builder().defaultHeader("X-Client", "demo");

        try (BaseAdapter adapter = format.adapter(format.settings(wireMock.baseUrl(), s -> s.maxResponseBytes(1024)), shared)) {
            call(adapter.invoke(HI));
        }

        wireMock.verify(format.sentWithKey().withHeader("X-Client", equalTo("demo")));
        // The adapter's size limit and (now closed) connection pool must not have leaked into the shared builder.
        String big = shared.build().get().uri(wireMock.url("/big")).retrieve().bodyToMono(String.class).block(Duration.ofSeconds(5));
        assertThat(big).hasSize(5000);
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void carriesManyConcurrentCallsWithoutAThreadPerCall(Format format) {
        wireMock.stubFor(format.endpoint().willReturn(json(format.okBody).withFixedDelay(300)));
        try (BaseAdapter adapter = format.adapter(wireMock)) {
            call(adapter.invoke(HI)); // warm up: the first call in a JVM loads Netty
            Set<String> threadsBefore = nonWireMockThreads();
            long start = System.nanoTime();

            List<LlmResponse> responses = Flux.range(0, 100)
                    .flatMap(i -> adapter.invoke(HI), 100)
                    .collectList()
                    .block(Duration.ofSeconds(20));

            assertThat(responses).hasSize(100).allSatisfy(r -> assertThat(r.content()).isEqualTo("Hello"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("in parallel, not one after another (30 s)")
                    .isLessThan(Duration.ofSeconds(10));
            Set<String> newThreads = nonWireMockThreads();
            newThreads.removeAll(threadsBefore);
            assertThat(newThreads).as("threads started during 100 concurrent calls").hasSizeLessThan(10);
        }
    }

    private static Set<String> nonWireMockThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .filter(name -> !name.startsWith("qtp")) // Jetty, inside WireMock
                .collect(Collectors.toSet());
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void neverLogsTheKeyEvenAtDebug(Format format) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level level = root.getLevel();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        root.setLevel(Level.DEBUG);
        try (BaseAdapter adapter = format.adapter(wireMock)) {
            wireMock.stubFor(format.endpoint().willReturn(json(format.okBody)));
            call(adapter.invoke(HI));
            wireMock.stubFor(format.endpoint().willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));
            failure(adapter.invoke(HI));
        } finally {
            root.setLevel(level);
            root.detachAppender(logs);
        }

        assertThat(logs.list).anySatisfy(e -> assertThat(e.getLoggerName()).startsWith("io.arcllm.adapter"));
        assertThat(logs.list).allSatisfy(e -> {
            assertThat(e.getFormattedMessage()).doesNotContain(KEY);
            if (e.getThrowableProxy() != null) {
                assertThat(ThrowableProxyUtil.asString(e.getThrowableProxy())).doesNotContain(KEY);
            }
        });
    }
}
