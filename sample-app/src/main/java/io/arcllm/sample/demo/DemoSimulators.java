package io.arcllm.sample.demo;

import java.util.ArrayList;
import java.util.List;

import io.arcllm.config.ApiFormat;

/**
 * The simulated APIs of demo mode: Anthropic, OpenAI and Groq (an OpenAI-compatible server), so the fallback
 * chain {@code [openai, groq]} can be shown. Started together and closed together (with the application
 * context, which holds this as a bean).
 */
public final class DemoSimulators implements AutoCloseable {

    private final ProviderSimulator anthropic;
    private final ProviderSimulator openai;
    private final ProviderSimulator groq;

    private DemoSimulators(ProviderSimulator anthropic, ProviderSimulator openai, ProviderSimulator groq) {
        this.anthropic = anthropic;
        this.openai = openai;
        this.groq = groq;
    }

    /**
     * Starts the simulators on free loopback ports.
     *
     * @throws IllegalStateException if a port cannot be bound (nothing is left running)
     */
    public static DemoSimulators start() {
        List<ProviderSimulator> started = new ArrayList<>();
        try {
            started.add(ProviderSimulator.start(ApiFormat.ANTHROPIC));
            started.add(ProviderSimulator.start(ApiFormat.OPENAI));
            started.add(ProviderSimulator.startOpenAiCompatible("groq", "Groq", "GROQ_API_KEY", true));
            return new DemoSimulators(started.get(0), started.get(1), started.get(2));
        } catch (RuntimeException e) {
            started.forEach(ProviderSimulator::close);
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

    /** The simulated Groq API (OpenAI-compatible Chat Completions). */
    public ProviderSimulator groq() {
        return groq;
    }

    /** The simulator standing in for a provider id; Anthropic's for an id it does not simulate. */
    public ProviderSimulator forProvider(String providerId) {
        return all().stream().filter(simulator -> simulator.providerId().equals(providerId)).findFirst().orElse(anthropic);
    }

    /** All simulators: Anthropic, OpenAI, Groq. */
    public List<ProviderSimulator> all() {
        return List.of(anthropic, openai, groq);
    }

    /** Stops every simulator. Idempotent. */
    @Override
    public void close() {
        try {
            anthropic.close();
        } finally {
            try {
                openai.close();
            } finally {
                groq.close();
            }
        }
    }
}
