package io.arcllm.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.arcllm.ArcLlmApiException;
import io.arcllm.ArcLlmParseException;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Proves the API keys stay secret. Around each test it captures everything ArcLLM, Spring's WebClient and
 * Reactor Netty log, at DEBUG, into a list instead of the console; after the test it fails if any line or any logged
 * exception (with its causes and suppressed exceptions) contains a key. {@link #assertNoKeyIn(Throwable)}
 * does the same for the exception a call ended with, including API error bodies and unparsable raw answers.
 */
final class SecretsAudit implements BeforeEachCallback, AfterEachCallback {

    /** Loggers captured: ArcLLM's own, the WebClient exchange log and Reactor Netty (its WARNs included). */
    private static final List<String> CAPTURED = List.of("io.arcllm", "org.springframework.web.reactive.function.client", "reactor.netty");

    private final Level level;
    private final List<String> secrets;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final List<Logger> loggers = new ArrayList<>();
    private final List<Level> previousLevels = new ArrayList<>();

    /** Captures at DEBUG. */
    SecretsAudit(String... secrets) {
        this(Level.DEBUG, secrets);
    }

    /** Captures at {@code level} (a load test keeps to INFO: its DEBUG lines would cost more than the calls). */
    SecretsAudit(Level level, String... secrets) {
        this.level = level;
        this.secrets = List.of(secrets);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        appender.list.clear();
        appender.start();
        for (String name : CAPTURED) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            previousLevels.add(logger.getLevel());
            logger.setLevel(level);
            logger.setAdditive(false); // keep the build output readable: lines go to the list only
            logger.addAppender(appender);
            loggers.add(logger);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (int i = 0; i < loggers.size(); i++) {
            loggers.get(i).detachAppender(appender);
            loggers.get(i).setLevel(previousLevels.get(i));
            loggers.get(i).setAdditive(true);
        }
        loggers.clear();
        previousLevels.clear();
        appender.stop();
        assertNoKeyInLogs();
    }

    /** Fails unless ArcLLM logged something since the test began: proof the capture works, for tests that made a call. */
    void assertCapturing() {
        assertThat(lines()).as("ArcLLM's DEBUG lines captured during the call")
                .anySatisfy(line -> assertThat(line).contains(" io.arcllm."));
    }

    /** The captured lines as {@code "LEVEL logger - message"}. */
    List<String> lines() {
        synchronized (appender) {
            return appender.list.stream()
                    .map(e -> e.getLevel() + " " + e.getLoggerName() + " - " + e.getFormattedMessage())
                    .toList();
        }
    }

    private void assertNoKeyInLogs() {
        List<ILoggingEvent> events;
        synchronized (appender) {
            events = List.copyOf(appender.list);
        }
        for (ILoggingEvent event : events) {
            for (String secret : secrets) {
                assertThat(event.getFormattedMessage()).as("log line").doesNotContain(secret);
                if (event.getThrowableProxy() != null) {
                    assertThat(ThrowableProxyUtil.asString(event.getThrowableProxy())).as("logged exception")
                            .doesNotContain(secret);
                }
            }
        }
    }

    /**
     * Fails if a key is in the message or {@code toString()} of the error or of any cause or suppressed
     * exception, or in an API error's body or a parse error's raw string.
     */
    void assertNoKeyIn(Throwable error) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        collect(error, seen);
        for (Throwable t : seen) {
            for (String secret : secrets) {
                assertThat(String.valueOf(t.getMessage())).as("message of %s", t.getClass().getName()).doesNotContain(secret);
                assertThat(t.toString()).doesNotContain(secret);
                if (t instanceof ArcLlmApiException api) {
                    assertThat(api.body()).as("API error body").doesNotContain(secret);
                }
                if (t instanceof ArcLlmParseException parse) {
                    assertThat(parse.rawString()).as("unparsable raw answer").doesNotContain(secret);
                }
            }
        }
    }

    private static void collect(Throwable t, Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return;
        }
        collect(t.getCause(), seen);
        for (Throwable suppressed : t.getSuppressed()) {
            collect(suppressed, seen);
        }
    }
}
