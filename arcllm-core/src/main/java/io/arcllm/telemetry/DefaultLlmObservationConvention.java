package io.arcllm.telemetry;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.StopReason;
import io.arcllm.Usage;
import io.arcllm.module.internal.ErrorTypes;
import io.arcllm.telemetry.LlmObservationDocumentation.HighCardinalityKeyNames;
import io.arcllm.telemetry.LlmObservationDocumentation.LowCardinalityKeyNames;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;

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

    private volatile String @Nullable [] lastContextualName;
    /** The last low-cardinality key values made without an answer (a call's start, a failure), reused while they match. */
    private volatile @Nullable LowCardinality lastWithoutAnswer;
    /** The last low-cardinality key values made with an answer, reused while they match. */
    private volatile @Nullable LowCardinality lastWithAnswer;

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
        String[] last = lastContextualName; // {model, name}: the same model's name is not concatenated again
        if (last != null && last[0].equals(context.requestModel())) {
            return last[1];
        }
        String name = OPERATION + " " + context.requestModel();
        lastContextualName = new String[] {context.requestModel(), name};
        return name;
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(LlmObservationContext context) {
        LlmResponse response = context.response();
        String responseModel = response != null ? response.model() : ErrorTypes.NONE;
        String errorType = errorType(context);
        // They are asked for at start (no answer yet) and at stop of every call, mostly with the same four values:
        // keep the last ones of each.
        LowCardinality last = response == null ? lastWithoutAnswer : lastWithAnswer;
        if (last != null && last.matches(context.provider(), context.requestModel(), responseModel, errorType)) {
            return last.values();
        }
        KeyValues values = KeyValues.of(
                OPERATION_VALUE,
                LowCardinalityKeyNames.PROVIDER_NAME.withValue(context.provider()),
                LowCardinalityKeyNames.REQUEST_MODEL.withValue(context.requestModel()),
                LowCardinalityKeyNames.RESPONSE_MODEL.withValue(responseModel),
                LowCardinalityKeyNames.ERROR_TYPE.withValue(errorType));
        last = new LowCardinality(context.provider(), context.requestModel(), responseModel, errorType, values);
        if (response == null) {
            lastWithoutAnswer = last;
        } else {
            lastWithAnswer = last;
        }
        return values;
    }

    /** Low-cardinality key values and the four values they were made of. */
    private record LowCardinality(String provider, String requestModel, String responseModel, String errorType,
                                  KeyValues values) {

        boolean matches(String provider, String requestModel, String responseModel, String errorType) {
            return Objects.equals(this.provider, provider) && Objects.equals(this.requestModel, requestModel)
                    && Objects.equals(this.responseModel, responseModel) && Objects.equals(this.errorType, errorType);
        }
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(LlmObservationContext context) {
        LlmRequest request = context.request();
        LlmResponse response = context.response();
        Usage usage = response != null ? response.usage() : null;
        boolean content = context.includeContent();
        // Sized exactly: the values go into KeyValues without a list in between (this runs at start and stop).
        int size = 1 + (request.maxTokens() != null ? 1 : 0) + (request.temperature() != null ? 1 : 0)
                + (context.fallbackProvider() != null ? 1 : 0) + (content ? 1 : 0);
        if (response != null) {
            size += 3 + (usage.cacheReadTokens() != null ? 1 : 0) + (usage.cacheWriteTokens() != null ? 1 : 0)
                    + (content ? 1 : 0);
        }
        KeyValue[] values = new KeyValue[size];
        int i = 0;
        if (request.maxTokens() != null) {
            values[i++] = HighCardinalityKeyNames.REQUEST_MAX_TOKENS.withValue(request.maxTokens().toString());
        }
        if (request.temperature() != null) {
            values[i++] = HighCardinalityKeyNames.REQUEST_TEMPERATURE.withValue(request.temperature().toString());
        }
        int retries = context.retries();
        values[i++] = HighCardinalityKeyNames.RETRIES.withValue(retries >= 0 && retries < SMALL_COUNTS.length
                ? SMALL_COUNTS[retries] : Integer.toString(retries));
        if (context.fallbackProvider() != null) {
            values[i++] = HighCardinalityKeyNames.FALLBACK_PROVIDER.withValue(context.fallbackProvider());
        }
        if (response != null) {
            values[i++] = HighCardinalityKeyNames.USAGE_INPUT_TOKENS.withValue(Long.toString(UsageCost.allInputTokens(usage)));
            values[i++] = HighCardinalityKeyNames.USAGE_OUTPUT_TOKENS.withValue(Integer.toString(usage.outputTokens()));
            if (usage.cacheReadTokens() != null) {
                values[i++] = HighCardinalityKeyNames.USAGE_CACHE_READ_INPUT_TOKENS.withValue(usage.cacheReadTokens().toString());
            }
            if (usage.cacheWriteTokens() != null) {
                values[i++] = HighCardinalityKeyNames.USAGE_CACHE_CREATION_INPUT_TOKENS.withValue(usage.cacheWriteTokens().toString());
            }
            values[i++] = HighCardinalityKeyNames.RESPONSE_FINISH_REASONS.withValue(FINISH_REASONS.get(response.stopReason()));
        }
        if (content) {
            values[i++] = HighCardinalityKeyNames.INPUT_MESSAGES.withValue(ContentJson.inputMessages(request));
            if (response != null) {
                values[i++] = HighCardinalityKeyNames.OUTPUT_MESSAGES.withValue(ContentJson.outputMessages(response));
            }
        }
        return KeyValues.of(values);
    }

    /** The {@code error.type} of the call; see {@link LowCardinalityKeyNames#ERROR_TYPE}. */
    protected String errorType(LlmObservationContext context) {
        return context.cancelled() ? CANCELLED : ErrorTypes.of(context.getError());
    }
}
