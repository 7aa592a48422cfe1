package io.arcllm.sample.chat;

import org.jspecify.annotations.Nullable;

/** The body of a chat request is not acceptable; answered with 400 and nothing is sent upstream. */
final class InvalidChatRequestException extends RuntimeException {

    private final @Nullable String field;

    /**
     * @param field where in the body the problem is, e.g. {@code messages[0].role}; null if not one place
     * @param message what is wrong and what is expected, safe to show to the caller
     */
    InvalidChatRequestException(@Nullable String field, String message) {
        super(message);
        this.field = field;
    }

    /** Where in the body the problem is, or null. */
    @Nullable String field() {
        return field;
    }
}
