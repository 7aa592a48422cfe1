package io.arcllm;

import java.util.Objects;

/** Plain text. */
public record TextBlock(String text) implements ContentBlock {

    /** @throws NullPointerException if {@code text} is null */
    public TextBlock {
        Objects.requireNonNull(text, "text");
    }
}
