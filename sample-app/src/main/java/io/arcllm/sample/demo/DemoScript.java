package io.arcllm.sample.demo;

import java.time.Duration;
import java.util.List;

import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;

/**
 * The startup script of demo mode: three calls through the injected (primary) {@link LlmProvider}
 * while the simulated primary API misbehaves, each narrated in one log line before and one after, so
 * the modules' own log lines in between show retry and fallback at work:
 * <ol>
 *   <li>a 429 with {@code Retry-After: 1}, waited out by retry;</li>
 *   <li>a 529 (overloaded), retried after a backoff;</li>
 *   <li>an outage (503 on every attempt): retry gives up, fallback answers from the other provider.</li>
 * </ol>
 * The simulators are fault-free afterwards. A failed step is logged and the script goes on; the app
 * starts either way.
 */
final class DemoScript implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoScript.class);
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);
    private static final int STEPS = 3;

    private final DemoSimulators simulators;
    private final LlmProvider provider;
    private final Environment environment;

    DemoScript(DemoSimulators simulators, LlmProvider provider, Environment environment) {
        this.simulators = simulators;
        this.provider = provider;
        this.environment = environment;
    }

    /** Runs the three steps, then says how to try the gateway. */
    @Override
    public void run(ApplicationArguments args) {
        ProviderSimulator primary = simulators.forProvider(provider.name());
        String label = primary.label();
        String other = (primary == simulators.anthropic() ? simulators.openai() : simulators.anthropic()).label();
        try {
            step(1, label + " answers 429 with Retry-After: 1 - watch retry wait it out",
                    () -> primary.enqueue(Fault.rateLimited(Duration.ofSeconds(1))));
            step(2, label + " answers 529 (overloaded) - watch retry back off and try again",
                    () -> primary.enqueue(Fault.overloaded()));
            step(3, label + " is down (503 on every attempt) - watch retry give up and fallback switch to " + other,
                    () -> primary.outage(Fault.status(503)));
        } finally {
            simulators.all().forEach(ProviderSimulator::recover);
        }
        String port = environment.getProperty("local.server.port", "8080");
        log.info("demo done: the simulators answer without faults now. Try it:\n  curl -s localhost:{}/api/chat "
                + "-H 'content-type: application/json' -d '{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}'", port);
    }

    private void step(int number, String narration, Runnable fault) {
        log.info("demo {}/{}: {}", number, STEPS, narration);
        fault.run();
        long start = System.nanoTime();
        try {
            LlmResponse response = provider.invoke(LlmRequest.of(List.of(
                    Message.user("Demo step " + number + ": say hello")))).block(STEP_TIMEOUT);
            log.info("demo {}/{}: answered by {} after {} ms", number, STEPS,
                    response == null ? "nobody" : response.model(), (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            log.warn("demo {}/{}: the call failed after {} ms: {}", number, STEPS,
                    (System.nanoTime() - start) / 1_000_000, e.getMessage());
        }
    }
}
