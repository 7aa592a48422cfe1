package io.arcllm.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Unmodifiable copies that, unlike {@link Map#copyOf}, keep JSON nulls and insertion order. */
public final class Immutables {

    private Immutables() {
    }

    /** An unmodifiable, order-preserving copy; null becomes an empty map; null values are kept. */
    public static <K, V> Map<K, V> copyOf(Map<K, V> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
