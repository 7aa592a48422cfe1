package io.arcllm.sample.chat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Hooks;

/**
 * Keeps clients that go away out of the error log. When a client resets or stalls mid-upload, Reactor
 * Netty may signal the failure to a reader that has already finished; Reactor then "drops" it and by
 * default logs it at ERROR with a stack trace, one per aborted request, which lets anyone flood the log.
 * This hook logs such drops at DEBUG and any other dropped error at ERROR as before. Installed for the
 * application's lifetime, removed on close.
 */
final class ClientDisconnects implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClientDisconnects.class);

    ClientDisconnects() {
        Hooks.onErrorDropped(error -> {
            if (ChatProblemHandler.clientWentAway(error) || ChatProblemHandler.clientStalled(error)) {
                log.debug("dropped after the client went away or stalled: {}", error.toString());
            } else {
                log.error("error dropped by a finished reactive pipeline", error);
            }
        });
    }

    @Override
    public void close() {
        Hooks.resetOnErrorDropped();
    }
}
