package io.arcllm.telemetry;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observation ArcLLM makes, and its keys, named after the OpenTelemetry GenAI semantic conventions.
 * One {@link #CHAT} observation per logical call: its timer is {@code gen_ai.client.operation.duration}
 * once {@link GenAiMeterFilter} renames it (Micrometer names a timer after its observation), its span
 * {@code chat {gen_ai.request.model}}.
 */
public enum LlmObservationDocumentation implements ObservationDocumentation {

    /** A chat call through an {@code LlmProvider} stack: retries and fallbacks included. */
    CHAT {
        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultLlmObservationConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return LowCardinalityKeyNames.values();
        }

        @Override
        public KeyName[] getHighCardinalityKeyNames() {
            return HighCardinalityKeyNames.values();
        }
    };

    /** The observation's name, {@value}; the timer it gives is renamed {@value #DURATION_METER}. */
    public static final String OBSERVATION_NAME = "gen_ai.client.operation";

    /** The OpenTelemetry name of the call duration metric. */
    public static final String DURATION_METER = "gen_ai.client.operation.duration";

    /** The distribution summary of token counts, tagged {@code gen_ai.token.type}. */
    public static final String TOKEN_USAGE_METER = "gen_ai.client.token.usage";

    /** The counter of money spent, in USD, from the catalog's prices. */
    public static final String COST_METER = "arcllm.usage.cost";

    /** The timer of a stream's time to its first content event (OpenTelemetry GenAI's client time to first chunk). */
    public static final String TIME_TO_FIRST_CHUNK_METER = "gen_ai.client.operation.time_to_first_chunk";

    /** The counter of retries, tagged {@code provider} and {@code reason}. */
    public static final String RETRY_METER = "arcllm.retry.attempts";

    /** The counter of fallbacks tried, tagged {@code from}, {@code to} and {@code outcome}. */
    public static final String FALLBACK_METER = "arcllm.fallback.invocations";

    /** Counter of circuit breaker changes of state, {@value}; tags {@code provider}, {@code from}, {@code to}. */
    public static final String CIRCUIT_TRANSITION_METER = "arcllm.circuit.transitions";

    /** Gauge of each provider's circuit breaker state, {@value}: 0 closed, 1 half-open, 2 open; tag {@code provider}. */
    public static final String CIRCUIT_STATE_METER = "arcllm.circuit.state";

    /** Counter of retries not made because the provider's retry budget was spent, {@value}; tag {@code provider}. */
    public static final String RETRY_BUDGET_METER = "arcllm.retry.budget.refused";

    /** Tags of the call's timer, token and cost meters, and attributes of its span. */
    public enum LowCardinalityKeyNames implements KeyName {

        /** Always {@code chat}. */
        OPERATION_NAME {
            @Override
            public String asString() {
                return "gen_ai.operation.name";
            }
        },

        /** The provider id the call went to ({@code anthropic}, {@code openai}, a configured id). */
        PROVIDER_NAME {
            @Override
            public String asString() {
                return "gen_ai.provider.name";
            }
        },

        /** The model the call asked for. */
        REQUEST_MODEL {
            @Override
            public String asString() {
                return "gen_ai.request.model";
            }
        },

        /** The model that answered, as the provider reports it; {@code none} when the call failed. */
        RESPONSE_MODEL {
            @Override
            public String asString() {
                return "gen_ai.response.model";
            }
        },

        /**
         * {@code none} on success; else the HTTP status code, {@code timeout}, {@code transport}, the
         * exception's simple name, or {@code cancelled}.
         */
        ERROR_TYPE {
            @Override
            public String asString() {
                return "error.type";
            }
        }
    }

    /** Span attributes only: values too many or too large for metric tags. */
    public enum HighCardinalityKeyNames implements KeyName {

        /** The request's token limit, when it sets one. */
        REQUEST_MAX_TOKENS {
            @Override
            public String asString() {
                return "gen_ai.request.max_tokens";
            }
        },

        /** The request's temperature, when it sets one. */
        REQUEST_TEMPERATURE {
            @Override
            public String asString() {
                return "gen_ai.request.temperature";
            }
        },

        /** All prompt tokens, cache reads and writes included. */
        USAGE_INPUT_TOKENS {
            @Override
            public String asString() {
                return "gen_ai.usage.input_tokens";
            }
        },

        /** Answer tokens. */
        USAGE_OUTPUT_TOKENS {
            @Override
            public String asString() {
                return "gen_ai.usage.output_tokens";
            }
        },

        /** Prompt tokens served from the provider's cache, when reported. */
        USAGE_CACHE_READ_INPUT_TOKENS {
            @Override
            public String asString() {
                return "gen_ai.usage.cache_read.input_tokens";
            }
        },

        /** Prompt tokens written to the provider's cache, when reported. */
        USAGE_CACHE_CREATION_INPUT_TOKENS {
            @Override
            public String asString() {
                return "gen_ai.usage.cache_creation.input_tokens";
            }
        },

        /** Why the model stopped, as a JSON array ({@code ["stop"]}). */
        RESPONSE_FINISH_REASONS {
            @Override
            public String asString() {
                return "gen_ai.response.finish_reasons";
            }
        },

        /** How many retries the call took, over all providers tried. */
        RETRIES {
            @Override
            public String asString() {
                return "arcllm.retries";
            }
        },

        /** The fallback provider that answered, when one did. */
        FALLBACK_PROVIDER {
            @Override
            public String asString() {
                return "arcllm.fallback.provider";
            }
        },

        /** The prompt as JSON; only with {@code include-content}. */
        INPUT_MESSAGES {
            @Override
            public String asString() {
                return "gen_ai.input.messages";
            }
        },

        /** The answer as JSON; only with {@code include-content}. */
        OUTPUT_MESSAGES {
            @Override
            public String asString() {
                return "gen_ai.output.messages";
            }
        }
    }
}
