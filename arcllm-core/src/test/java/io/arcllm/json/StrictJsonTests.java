package io.arcllm.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arcllm.ArcLlmValidationException;
import io.arcllm.LlmRequest;
import io.arcllm.Message;
import io.arcllm.Role;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.ObjectMapper;

/** Reading the core types coerces nothing a provider would misread, whatever the mapper. */
class StrictJsonTests {

    private static String request(String options) {
        return "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], " + options + "}";
    }

    @ParameterizedTest
    @MethodSource("io.arcllm.json.JsonMappers#all")
    void maxTokensMustBeAJsonInteger(ObjectMapper mapper) {
        for (String bad : new String[] {"1.9", "\"50\"", "true", "1e3", "3000000000"}) {
            assertThatThrownBy(() -> mapper.readValue(request("\"maxTokens\": " + bad), LlmRequest.class))
                    .as(bad).isInstanceOf(DatabindException.class).hasMessageContaining("maxTokens")
                    .hasMessageContaining("expected a whole number");
        }
        assertThat(mapper.readValue(request("\"maxTokens\": 50"), LlmRequest.class).maxTokens()).isEqualTo(50);
    }

    @ParameterizedTest
    @MethodSource("io.arcllm.json.JsonMappers#all")
    void temperatureMustBeAFiniteJsonNumber(ObjectMapper mapper) {
        assertThatThrownBy(() -> mapper.readValue(request("\"temperature\": 1e309"), LlmRequest.class))
                .isInstanceOf(DatabindException.class).hasMessageContaining("expected a finite number");
        for (String bad : new String[] {"\"Infinity\"", "\"0.5\"", "\"NaN\""}) {
            assertThatThrownBy(() -> mapper.readValue(request("\"temperature\": " + bad), LlmRequest.class))
                    .as(bad).isInstanceOf(DatabindException.class).hasMessageContaining("expected a number, got a string");
        }
        assertThat(mapper.readValue(request("\"temperature\": 1"), LlmRequest.class).temperature()).isEqualTo(1.0);
    }

    @ParameterizedTest
    @MethodSource("io.arcllm.json.JsonMappers#all")
    void roleMustBeAString(ObjectMapper mapper) {
        assertThatThrownBy(() -> mapper.readValue("{\"role\": 1, \"content\": \"hi\"}", Message.class))
                .isInstanceOf(DatabindException.class).hasMessageContaining("a role must be a string");
        assertThat(mapper.readValue("{\"role\": \"tool\", \"content\": [{\"type\": \"tool_result\", \"toolUseId\": \"t\"}]}",
                Message.class).role()).isEqualTo(Role.TOOL);
        assertThat(mapper.writeValueAsString(Message.user("x"))).contains("\"role\":\"user\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"messages\": [null]}", "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"tools\": [null]}",
            "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"stopSequences\": [null]}"})
    void nullElementsAreRefusedWhenReading(String json) {
        assertThatThrownBy(() -> JsonMappers.springBootDefaults().readValue(json, LlmRequest.class))
                .isInstanceOf(DatabindException.class).hasMessageNotContaining("NullPointerException");
    }

    @ParameterizedTest
    @MethodSource("io.arcllm.json.JsonMappers#all")
    void anInvalidImageFailsWhileReadingWithTheValidationErrorAsCause(ObjectMapper mapper) {
        String json = "{\"role\": \"user\", \"content\": [{\"type\": \"image\", \"source\": \"QQ==\", \"mediaType\": \"image/png\\r\\nX-Evil: 1\"}]}";

        assertThatThrownBy(() -> mapper.readValue(json, Message.class))
                .isInstanceOf(DatabindException.class).hasRootCauseInstanceOf(ArcLlmValidationException.class);
    }
}
