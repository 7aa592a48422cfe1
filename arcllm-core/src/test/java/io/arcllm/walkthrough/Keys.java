package io.arcllm.walkthrough;

import java.util.Map;
import java.util.function.Function;

/** The walkthrough's setup cell: test API keys in a fake environment. */
final class Keys {

    static final String ANTHROPIC_KEY = "sk-ant-test-key-for-walkthrough";
    static final String OPENAI_KEY = "sk-openai-test-key-for-walkthrough";

    /** An environment holding both test keys. */
    static final Function<String, String> ENV =
            Map.of("ANTHROPIC_API_KEY", ANTHROPIC_KEY, "OPENAI_API_KEY", OPENAI_KEY)::get;

    private Keys() {
    }
}
