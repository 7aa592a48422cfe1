package io.arcllm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.arcllm.internal.Checks;
import io.arcllm.internal.json.JsonRequired;

/** Plain text. JSON form: {@code {"type": "text", "text": "..."}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
public record TextBlock(@JsonRequired String text) implements ContentBlock {

    /** @throws ArcLlmValidationException if {@code text} is null */
    public TextBlock {
        Checks.notNull(text, "text");
    }
}
