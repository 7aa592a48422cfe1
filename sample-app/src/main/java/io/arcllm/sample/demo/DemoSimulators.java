package io.arcllm.sample.demo;

import java.util.List;

import io.arcllm.config.ApiFormat;

/**
 * The simulated Anthropic and OpenAI APIs of demo mode, started together and closed together (with the
 * application context, which holds this as a bean).
 */
public final class DemoSimulators implements AutoCloseable {

    private final ProviderSimulator anthropic;
    private final ProviderSimulator openai;

    private DemoSimulators(ProviderSimulator anthropic, ProviderSimulator openai) {
        this.anthropic = anthropic;
        this.openai = openai;
    }

    /**
     * Starts both simulators on free loopback ports.
     *
     * @throws IllegalStateException if a port cannot be bound (nothing is left running)
     */
    public static DemoSimulators start() {
        ProviderSimulator anthropic = ProviderSimulator.start(ApiFormat.ANTHROPIC);
        try {
            return new DemoSimulators(anthropic, ProviderSimulator.start(ApiFormat.OPENAI));
        } catch (RuntimeException e) {
            anthropic.close();
            throw e;
        }
    }

    /** The simulated Anthropic Messages API. */
    public ProviderSimulator anthropic() {
        return anthropic;
    }

    /** The simulated OpenAI Chat Completions API. */
    public ProviderSimulator openai() {
        return openai;
    }

    /** The simulator standing in for a built-in provider id; {@code openai} or else Anthropic's. */
    public ProviderSimulator forProvider(String providerId) {
        return "openai".equals(providerId) ? openai : anthropic;
    }

    /** Both simulators. */
    public List<ProviderSimulator> all() {
        return List.of(anthropic, openai);
    }

    /** Stops both simulators. Idempotent. */
    @Override
    public void close() {
        try {
            anthropic.close();
        } finally {
            openai.close();
        }
    }
}
