package io.arcllm.sample.demo;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.arcllm.LlmProvider;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.LlmStreamEvent;
import io.arcllm.Message;
import io.arcllm.ProviderRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import reactor.core.publisher.Flux;

/**
 * The startup script of demo mode: four calls through the injected (primary) {@link LlmProvider}
 * while the simulated primary API misbehaves, each narrated in one log line before and one after, so
 * the modules' own log lines in between show retry and fallback at work:
 * <ol>
 *   <li>a 429 with {@code Retry-After: 1}, waited out by retry;</li>
 *   <li>a 529 (overloaded), retried after a backoff;</li>
 *   <li>an outage (503 on every attempt): retry gives up, fallback answers from the next provider;</li>
 *   <li>the primary and the first fallback both down: fallback walks the chain to the OpenAI-compatible Groq;</li>
 *   <li>a streamed answer whose first attempt is a {@code 200} carrying an {@code overloaded_error} event before the
 *       first token: retry starts a new stream, and the caller sees one clean stream;</li>
 *   <li>a burst of calls at once to Groq, whose rate limit ({@code max-concurrent: 2}) admits them a few at a
 *       time without a thread waiting;</li>
 *   <li>OpenAI down for 2 s while calls keep coming: its circuit breaker opens after a few failures, the next
 *       calls go straight to Groq, and a probe after the open duration closes it.</li>
 * </ol>
 * The simulators are fault-free afterwards. A failed step is logged and the script goes on; the app
 * starts either way.
 */
final class DemoScript implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoScript.class);
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);
    private static final int STEPS = 7;
    private static final int BURST = 8;

    private final DemoSimulators simulators;
    private final LlmProvider provider;
    private final ProviderRegistry registry;
    private final Environment environment;

    DemoScript(DemoSimulators simulators, LlmProvider provider, ProviderRegistry registry, Environment environment) {
        this.registry = registry;
        this.simulators = simulators;
        this.provider = provider;
        this.environment = environment;
    }

    /** Runs the seven steps, then says how to try the gateway. */
    @Override
    public void run(ApplicationArguments args) {
        ProviderSimulator primary = simulators.forProvider(provider.name());
        List<ProviderSimulator> chain = simulators.all().stream().filter(simulator -> simulator != primary).toList();
        ProviderSimulator next = chain.get(0);
        String label = primary.label();
        try {
            step(1, label + " answers 429 with Retry-After: 1 - watch retry wait it out",
                    () -> primary.enqueue(Fault.rateLimited(Duration.ofSeconds(1))));
            step(2, label + " answers 529 (overloaded) - watch retry back off and try again",
                    () -> primary.enqueue(Fault.overloaded()));
            step(3, label + " is down (503 on every attempt) - watch retry give up and fallback switch to "
                    + next.label(), () -> primary.outage(Fault.status(503)));
            step(4, label + " and " + next.label() + " are both down - watch fallback walk the chain to "
                    + chain.get(1).label(), () -> next.outage(Fault.status(503)));
            simulators.all().forEach(ProviderSimulator::recover);
            streamStep(5, label + " streams an overloaded_error event before the first token - watch retry start a clean"
                    + " stream", primary, () -> primary.enqueue(Fault.overloadedEvent()));
            simulators.all().forEach(ProviderSimulator::recover);
            burstStep(6, simulators.groq());
            simulators.all().forEach(ProviderSimulator::recover);
            circuitStep(simulators.openai(), simulators.groq());
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
        Map<ProviderSimulator, Long> before = new LinkedHashMap<>();
        simulators.all().forEach(simulator -> before.put(simulator, simulator.requestCount()));
        long start = System.nanoTime();
        try {
            LlmResponse response = provider.invoke(LlmRequest.of(List.of(
                    Message.user("Demo step " + number + ": say hello")))).block(STEP_TIMEOUT);
            log.info("demo {}/{}: answered by {} after {} ms ({})", number, STEPS,
                    response == null ? "nobody" : response.model(), millisSince(start), requests(before));
        } catch (RuntimeException e) {
            log.warn("demo {}/{}: the call failed after {} ms ({}): {}", number, STEPS, millisSince(start),
                    requests(before), e.getMessage());
        }
    }

    private void streamStep(int number, String narration, ProviderSimulator primary, Runnable fault) {
        log.info("demo {}/{}: {}", number, STEPS, narration);
        fault.run();
        long before = primary.requestCount();
        long start = System.nanoTime();
        try {
            List<LlmStreamEvent> events = provider.stream(LlmRequest.of(List.of(Message.user("Demo step " + number
                    + ": stream hello")))).collectList().block(STEP_TIMEOUT);
            long starts = events == null ? 0 : events.stream().filter(LlmStreamEvent.Start.class::isInstance).count();
            long deltas = events == null ? 0 : events.stream().filter(LlmStreamEvent.TextDelta.class::isInstance).count();
            log.info("demo {}/{}: one clean stream of {} text deltas ({} start event) after {} ms ({})", number, STEPS,
                    deltas, starts, millisSince(start), plural(primary.requestCount() - before, primary.label() + " request"));
        } catch (RuntimeException e) {
            log.warn("demo {}/{}: the stream failed after {} ms: {}", number, STEPS, millisSince(start), e.getMessage());
        }
    }

    /** A burst of calls at once to a provider whose rate limit lets only a few through at a time. */
    private void burstStep(int number, ProviderSimulator target) {
        log.info("demo {}/{}: {} calls at once to {}, whose rate limit allows {} in flight - watch it admit them a few"
                + " at a time", number, STEPS, BURST, target.label(), DemoMode.BURST_MAX_CONCURRENT);
        for (int i = 0; i < BURST; i++) {
            target.enqueue(Fault.slow(Duration.ofMillis(300)));
        }
        target.resetPeakInFlight();
        long before = target.requestCount();
        long start = System.nanoTime();
        try (LlmProvider limited = registry.load(target.providerId())) {
            List<LlmResponse> answers = Flux.range(0, BURST)
                    .flatMap(i -> limited.invoke(LlmRequest.of(List.of(Message.user("Demo step " + number + ": burst " + i)))),
                            BURST)
                    .collectList().block(STEP_TIMEOUT);
            log.info("demo {}/{}: {} answers after {} ms; {} never saw more than {} requests at once ({})", number, STEPS,
                    answers == null ? 0 : answers.size(), millisSince(start), target.label(), target.peakInFlight(),
                    plural(target.requestCount() - before, target.label() + " request"));
        } catch (RuntimeException e) {
            log.warn("demo {}/{}: the burst failed after {} ms: {}", number, STEPS, millisSince(start), e.getMessage());
        }
    }

    /**
     * Calls keep coming while a provider is down for a while: its circuit opens after a few failures, the next
     * calls go straight to the fallback, and a probe after the open duration finds the provider back.
     */
    private void circuitStep(ProviderSimulator down, ProviderSimulator fallback) {
        Duration outage = Duration.ofSeconds(DemoMode.CIRCUIT_OPEN_SECONDS);
        log.info("demo {}/{}: {} is down for {} s while calls keep coming - watch its circuit breaker open, calls go"
                + " straight to {}, and a probe close it", STEPS, STEPS, down.label(), outage.toSeconds(), fallback.label());
        down.outage(Fault.status(503));
        long start = System.nanoTime();
        long downRequests = down.requestCount();
        int paid = 0;
        int skipped = 0;
        long skippedNanos = 0;
        long backAfter = -1;
        boolean recovered = false;
        try (LlmProvider model = registry.load(down.providerId())) {
            String downModel = model.modelName();
            while (backAfter < 0 && System.nanoTime() - start < STEP_TIMEOUT.toNanos()) {
                if (!recovered && System.nanoTime() - start >= outage.toNanos()) {
                    down.recover();
                    recovered = true;
                }
                long before = down.requestCount();
                long callStart = System.nanoTime();
                LlmResponse response = model.invoke(LlmRequest.of(List.of(Message.user("Demo step " + STEPS + ": hi"))))
                        .block(STEP_TIMEOUT);
                if (response != null && response.model().equals(downModel)) {
                    backAfter = millisSince(start);
                } else if (down.requestCount() == before) {
                    skipped++;
                    skippedNanos += System.nanoTime() - callStart;
                } else {
                    paid++;
                }
                Thread.sleep(100);
            }
            log.info("demo {}/{}: {} call(s) paid {}'s outage ({}); {} went straight to {} in {} ms on average; {}"
                    + " answered again {} ms after the step began", STEPS, STEPS, paid, down.label(),
                    plural(down.requestCount() - downRequests, down.label() + " request"), skipped, fallback.label(),
                    skipped == 0 ? 0 : skippedNanos / skipped / 1_000_000, down.label(), backAfter);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("demo {}/{}: a call failed after {} ms: {}", STEPS, STEPS, millisSince(start), e.getMessage());
        } finally {
            down.recover();
        }
    }

    private static String requests(Map<ProviderSimulator, Long> before) {
        return before.entrySet().stream()
                .filter(entry -> entry.getKey().requestCount() > entry.getValue())
                .map(entry -> plural(entry.getKey().requestCount() - entry.getValue(), entry.getKey().label() + " request"))
                .collect(Collectors.joining(" + "));
    }

    private static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
