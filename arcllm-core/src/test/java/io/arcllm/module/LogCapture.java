package io.arcllm.module;

import io.arcllm.module.internal.FallbackModule;
import io.arcllm.module.internal.RetryModule;
import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/** Captures what the module loggers write, as {@code "LEVEL message"} lines, until closed. */
public final class LogCapture implements AutoCloseable {

    private final List<Logger> loggers = new ArrayList<>();
    private final List<Level> previousLevels = new ArrayList<>();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture(Level level, Class<?>... sources) {
        appender.start();
        for (Class<?> source : sources) {
            Logger logger = (Logger) LoggerFactory.getLogger(source);
            previousLevels.add(logger.getLevel());
            logger.setLevel(level);
            logger.addAppender(appender);
            loggers.add(logger);
        }
    }

    /** Captures INFO and above of {@link RetryModule} and {@link FallbackModule}. */
    public static LogCapture modules() {
        return new LogCapture(Level.INFO, RetryModule.class, FallbackModule.class);
    }

    /** Captures INFO and above of these classes' loggers. */
    public static LogCapture of(Class<?>... sources) {
        return new LogCapture(Level.INFO, sources);
    }

    /** Silences the module loggers (for load tests) until closed; captures nothing. */
    public static LogCapture silenced() {
        return new LogCapture(Level.OFF, RetryModule.class, FallbackModule.class);
    }

    /** The captured lines, e.g. {@code "WARN [anthropic] retry attempt 1/3 after 1.00s: ..."}. */
    public List<String> lines() {
        synchronized (appender) { // AppenderBase.doAppend holds this monitor while appending
            return appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
        }
    }

    /** The captured lines of one level. */
    public List<String> lines(Level level) {
        return lines().stream().filter(line -> line.startsWith(level + " ")).toList();
    }

    @Override
    public void close() {
        for (int i = 0; i < loggers.size(); i++) {
            loggers.get(i).detachAppender(appender);
            loggers.get(i).setLevel(previousLevels.get(i));
        }
        appender.stop();
    }
}
