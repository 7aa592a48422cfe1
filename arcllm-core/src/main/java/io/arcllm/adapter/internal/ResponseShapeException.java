package io.arcllm.adapter.internal;

/**
 * A provider answer is valid JSON but lacks a field the adapter needs, or has it in the wrong
 * type. Never escapes the public API: {@link io.arcllm.adapter.internal.BaseAdapter} wraps it in an
 * {@link io.arcllm.ArcLlmParseException} that carries the raw answer.
 */
final class ResponseShapeException extends RuntimeException {

    /** @param message what is wrong, naming the field path, e.g. {@code "missing field usage.input_tokens"} */
    public ResponseShapeException(String message) {
        super(message);
    }
}
