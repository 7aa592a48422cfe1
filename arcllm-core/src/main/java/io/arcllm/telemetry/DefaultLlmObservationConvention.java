package io.arcllm.telemetry;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.StopReason;
import io.arcllm.Usage;
import io.arcllm.module.internal.ErrorTypes;
import io.arcllm.telemetry.LlmObservationDocumentation.HighCardinalityKeyNames;
import io.arcllm.telemetry.LlmObservationDocumentation.LowCardinalityKeyNames;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * The default names and key values of the chat observation, after the OpenTelemetry GenAI semantic
 * conventions: name {@value LlmObservationDocumentation#OBSERVATION_NAME}, contextual (span) name
 * {@code chat {model}}, the {@link LowCardinalityKeyNames} as tags and the {@link HighCardinalityKeyNames} as
 * span attributes. Absent values are {@value ErrorTypes#NONE}, so every timer has the same tag keys. The prompt
 * and the answer are recorded only when {@link LlmObservationContext#includeContent()}.
 */
public class DefaultLlmObservationConvention implements LlmObservationConvention {

    /** The value of {@code gen_ai.operation.name}. */
    public static final String OPERATION = "chat";

    /** The error type of a call its caller cancelled. */
    public static final String CANCELLED = "cancelled";

    private static final KeyValue OPERATION_VALUE = LowCardinalityKeyNames.OPERATION_NAME.withValue(OPERATION);
    /** {@code gen_ai.response.finish_reasons} of each stop reason, made once. */
    private static final Map<StopReason, String> FINISH_REASONS = new EnumMap<>(StopReason.class);
    /** The retry counts a call usually has, as text, made once. */
    private static final String[] SMALL_COUNTS = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};

    static {
        for (StopReason reason : StopReason.values()) {
            FINISH_REASONS.put(reason, "[\"" + ContentJson.finishReason(reason) + "\"]");
        }
    }

    @Override
    public String getName() {
        return LlmObservationDocumentation.OBSERVATION_NAME;
    }

    /** {@code chat {gen_ai.request.model}}, as the conventions name the span. */
    @Override
    public String getContextualName(LlmObservationContext context) {
        return OPERATION + " " + context.requestModel();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(LlmObservationContext context) {
        LlmResponse response = context.response();
        return KeyValues.of(
                OPERATION_VALUE,
                LowCardinalityKeyNames.PROVIDER_NAME.withValue(context.provider()),
                LowCardinalityKeyNames.REQUEST_MODEL.withValue(context.requestModel()),
                LowCardinalityKeyNames.RESPONSE_MODEL.withValue(response != null ? response.model() : ErrorTypes.NONE),
                LowCardinalityKeyNames.ERROR_TYPE.withValue(errorType(context)));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(LlmObservationContext context) {
        List<KeyValue> values = new ArrayList<>();
        LlmRequest request = context.request();
        if (request.maxTokens() != null) {
            values.add(HighCardinalityKeyNames.REQUEST_MAX_TOKENS.withValue(request.maxTokens().toString()));
        }
        if (request.temperature() != null) {
            values.add(HighCardinalityKeyNames.REQUEST_TEMPERATURE.withValue(request.temperature().toString()));
        }
        int retries = context.retries();
        values.add(HighCardinalityKeyNames.RETRIES.withValue(retries >= 0 && retries < SMALL_COUNTS.length
                ? SMALL_COUNTS[retries] : Integer.toString(retries)));
        if (context.fallbackProvider() != null) {
            values.add(HighCardinalityKeyNames.FALLBACK_PROVIDER.withValue(context.fallbackProvider()));
        }
        LlmResponse response = context.response();
        if (response != null) {
            addUsage(values, response.usage());
            values.add(HighCardinalityKeyNames.RESPONSE_FINISH_REASONS.withValue(FINISH_REASONS.get(response.stopReason())));
        }
        if (context.includeContent()) {
            values.add(HighCardinalityKeyNames.INPUT_MESSAGES.withValue(ContentJson.inputMessages(request)));
            if (response != null) {
                values.add(HighCardinalityKeyNames.OUTPUT_MESSAGES.withValue(ContentJson.outputMessages(response)));
            }
        }
        return KeyValues.of(values);
    }

    /** The {@code error.type} of the call; see {@link LowCardinalityKeyNames#ERROR_TYPE}. */
    protected String errorType(LlmObservationContext context) {
        return context.cancelled() ? CANCELLED : ErrorTypes.of(context.getError());
    }

    private static void addUsage(List<KeyValue> values, Usage usage) {
        values.add(HighCardinalityKeyNames.USAGE_INPUT_TOKENS.withValue(Long.toString(UsageCost.allInputTokens(usage))));
        values.add(HighCardinalityKeyNames.USAGE_OUTPUT_TOKENS.withValue(Integer.toString(usage.outputTokens())));
        if (usage.cacheReadTokens() != null) {
            values.add(HighCardinalityKeyNames.USAGE_CACHE_READ_INPUT_TOKENS.withValue(usage.cacheReadTokens().toString()));
        }
        if (usage.cacheWriteTokens() != null) {
            values.add(HighCardinalityKeyNames.USAGE_CACHE_CREATION_INPUT_TOKENS.withValue(usage.cacheWriteTokens().toString()));
        }
    }
}
