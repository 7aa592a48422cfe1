package io.arcllm.test;

import io.arcllm.test.internal.Reply;
import io.arcllm.test.internal.ScriptedResponses;

/**
 * A stub's script, as it is being written: {@code stub.failsWith(429).then().answers("ok")}. Requests take the
 * steps in order, one each; the last step repeats. Not thread-safe while being written; write it before the
 * requests it scripts are sent.
 */
public final class Script {

    private final ScriptedResponses responses;
    private Reply last;

    Script(ScriptedResponses responses, Reply first) {
        this.responses = responses;
        this.last = first;
    }

    /** The next step: the reply to the request after the ones scripted so far. */
    public Then then() {
        return new Then(this);
    }

    /**
     * Repeats the last step so that it answers {@code count} requests in all (it always answers at least one).
     *
     * @throws IllegalArgumentException if {@code count < 1}
     */
    public Script times(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, was " + count);
        }
        for (int i = 1; i < count; i++) {
            responses.append(last);
        }
        return this;
    }

    private Script append(Reply reply) {
        responses.append(reply);
        last = reply;
        return this;
    }

    /** The replies that can follow; each returns the {@link Script} to go on. */
    public static final class Then extends Replies<Script> {

        private final Script script;

        private Then(Script script) {
            this.script = script;
        }

        @Override
        Script add(Reply reply) {
            return script.append(reply);
        }
    }
}
