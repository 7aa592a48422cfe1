package io.arcllm.autoconfigure;

import java.util.function.UnaryOperator;

import io.arcllm.config.ModuleKind;
import io.arcllm.config.TelemetryConfig;
import org.springframework.boot.context.properties.PropertyMapper;

/** {@code arcllm.modules.telemetry.*} and {@code arcllm.providers.<id>.modules.telemetry.*}; unset values inherit. */
public class TelemetryProperties implements ModuleProperties<TelemetryConfig.Builder> {

    /** Whether calls are observed: one gen_ai.client.operation observation per call, token, cost, retry and fallback meters; globally default true. Takes effect when the application has an ObservationRegistry or MeterRegistry bean. */
    private Boolean enabled;

    /** Whether prompts and completions are recorded on the observation (span attributes gen_ai.input.messages and gen_ai.output.messages); they may hold personal or secret data. */
    private Boolean includeContent;

    @Override
    public ModuleKind<?, TelemetryConfig.Builder> kind() {
        return TelemetryConfig.KIND;
    }

    @Override
    public UnaryOperator<TelemetryConfig.Builder> changes() {
        Boolean content = includeContent;
        return content == null ? null : builder -> {
            PropertyMapper.get().from(content).to(builder::includeContent);
            return builder;
        };
    }

    @Override
    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public Boolean getIncludeContent() {
        return includeContent;
    }

    public void setIncludeContent(Boolean includeContent) {
        this.includeContent = includeContent;
    }
}
