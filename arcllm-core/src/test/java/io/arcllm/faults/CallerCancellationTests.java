package io.arcllm.faults;

import static io.arcllm.faults.FaultStack.ANTHROPIC_KEY;
import static io.arcllm.faults.FaultStack.ANTHROPIC_OK;
import static io.arcllm.faults.FaultStack.ANTHROPIC_PATH;
import static io.arcllm.faults.FaultStack.OPENAI_KEY;
import static io.arcllm.faults.FaultStack.OPENAI_OK;
import static io.arcllm.faults.FaultStack.OPENAI_PATH;
import static io.arcllm.faults.FaultStack.REQUEST;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.Disposable;

/**
 * The caller gives up (cancels the call, as its own timeout does) while a provider is still answering:
 * nothing is retried or walked down the chain behind its back, and the connection of the provider in flight —
 * the primary's, or a fallback's, whose adapter is closed too — is closed at once.
 */
class CallerCancellationTests {

    static final RawHttpServer primary = RawHttpServer.start();
    static final RawHttpServer fallback = RawHttpServer.start();

    @RegisterExtension
    final SecretsAudit secrets = new SecretsAudit(ANTHROPIC_KEY, OPENAI_KEY);

    /** How long after the cancel the server may still see the connection open. */
    private static final Duration HANG_UP_WITHIN = Duration.ofMillis(1_000);

    private final CountDownLatch arrived = new CountDownLatch(1);
    /** When (System.nanoTime) the client hung up on the stalled server. */
    private final List<Long> hangUps = new CopyOnWriteArrayList<>();
    private final List<Object> signals = new CopyOnWriteArrayList<>();

    @AfterAll
    static void stopServers() {
        primary.close();
        fallback.close();
    }

    /** Never answers in time; tells the test the request arrived, and records when the client hung up. */
    private RawHttpServer.Handler stall(String lateAnswer) {
        return (request, reply) -> {
            arrived.countDown();
            if (reply.stallUntilHangUp(Duration.ofSeconds(10), lateAnswer)) {
                hangUps.add(System.nanoTime());
            }
        };
    }

    /** Starts the call, waits until the stalled server has the request, then cancels; returns when it cancelled. */
    private long callAndGiveUp(FaultStack stack) throws InterruptedException {
        Disposable call = stack.provider().invoke(REQUEST).subscribe(signals::add, signals::add);
        assertThat(arrived.await(5, TimeUnit.SECONDS)).as("the stalled server got the request").isTrue();
        long cancelledAt = System.nanoTime();
        call.dispose();
        return cancelledAt;
    }

    private void assertHungUpPromptlyAfter(long cancelledAt) {
        long deadline = cancelledAt + HANG_UP_WITHIN.toNanos();
        while (hangUps.isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(hangUps).as("the client hung up on the provider in flight within %d ms of the cancel",
                HANG_UP_WITHIN.toMillis()).singleElement()
                .satisfies(at -> assertThat(Duration.ofNanos(at - cancelledAt)).isLessThan(HANG_UP_WITHIN));
        assertThat(signals).as("a cancelled call signals nothing").isEmpty();
    }

    @ParameterizedTest(name = "afterRetries={0}")
    @ValueSource(booleans = {false, true})
    void callerGivingUpWhileThePrimaryAnswersClosesItsConnection(boolean afterRetries) throws InterruptedException {
        primary.answerWith(stall(ANTHROPIC_OK));
        fallback.answerWith((request, reply) -> reply.json(200, OPENAI_OK));

        try (FaultStack stack = new FaultStack(primary.baseUrl(), fallback.baseUrl(), afterRetries, Duration.ofSeconds(5))) {
            long cancelledAt = callAndGiveUp(stack);

            assertHungUpPromptlyAfter(cancelledAt);
            assertThat(primary.openConnections()).as("connections to the primary before close()").isZero();
            assertThat(stack.sent(ANTHROPIC_PATH)).isOne();
            assertThat(stack.sent(OPENAI_PATH)).as("a cancel is not a failure: no fallback").isZero();
            assertThat(stack.waits()).as("and no retry").isEmpty();
        }
        assertThat(fallback.requestCount()).isZero();
        secrets.assertCapturing();
    }

    @ParameterizedTest(name = "afterRetries={0}")
    @ValueSource(booleans = {false, true})
    void callerGivingUpWhileAFallbackAnswersClosesThatFallback(boolean afterRetries) throws InterruptedException {
        // Not retryable, so in both orders the chain is walked at once.
        primary.answerWith((request, reply) -> reply.json(400, "{\"error\":\"bad request\"}"));
        fallback.answerWith(stall(OPENAI_OK));

        try (FaultStack stack = new FaultStack(primary.baseUrl(), fallback.baseUrl(), afterRetries, Duration.ofSeconds(5))) {
            long cancelledAt = callAndGiveUp(stack);

            assertHungUpPromptlyAfter(cancelledAt);
            ConnectionCounter.awaitZero(fallback::openConnections, Duration.ofSeconds(2),
                    "connections to the fallback after the cancel, before the primary is closed");
            assertThat(stack.sent(ANTHROPIC_PATH)).isOne();
            assertThat(stack.sent(OPENAI_PATH)).isOne();
            assertThat(stack.waits()).isEmpty();
        }
        ConnectionCounter.awaitZero(primary::openConnections, Duration.ofSeconds(2), "connections to the primary after close()");
        secrets.assertCapturing();
    }
}
