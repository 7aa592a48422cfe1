package io.arcllm.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The ArcLLM sample app: a small LLM gateway over {@code POST /api/chat}. */
@SpringBootApplication
public class SampleApplication {

    /** Starts the app; in demo mode when no API key is configured (see {@code DemoModeInitializer}). */
    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
