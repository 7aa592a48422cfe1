package io.arcllm.sample.chat;

import java.util.Set;

/** A chat request named a provider id that is neither configured nor built in; answered with 404. */
final class UnknownProviderException extends RuntimeException {

    private final String provider;
    private final Set<String> known;

    UnknownProviderException(String provider, Set<String> known) {
        super("unknown provider " + Excerpt.quoted(provider) + "; known providers: " + String.join(", ", known));
        this.provider = provider;
        this.known = Set.copyOf(known);
    }

    /** The id the request named. */
    String provider() {
        return provider;
    }

    /** The ids that would have worked. */
    Set<String> known() {
        return known;
    }
}
