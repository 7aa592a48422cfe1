package io.arcllm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A class loader for "runs without library X" tests: it defines {@code io.arcllm.*} classes itself (so their
 * references resolve here, not in the test's own loader) and refuses every class under the hidden package
 * prefixes, recording what it defined and what it refused.
 */
final class HidingClassLoader extends ClassLoader {

    final Set<String> defined = ConcurrentHashMap.newKeySet();
    final Set<String> refused = ConcurrentHashMap.newKeySet();
    private final List<String> hidden;

    HidingClassLoader(String... hidden) {
        super(HidingClassLoader.class.getClassLoader());
        this.hidden = List.of(hidden);
    }

    /** Runs {@code scenario}, loaded by this loader, and returns what it returned as a string. */
    String run(Class<? extends Callable<String>> scenario) throws Exception {
        Class<?> isolated = loadClass(scenario.getName());
        assertThat(isolated.getClassLoader()).isSameAs(this);
        return ((Callable<?>) isolated.getConstructor().newInstance()).call().toString();
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (hidden.stream().anyMatch(name::startsWith)) {
            refused.add(name);
            throw new ClassNotFoundException(name + " (hidden)");
        }
        if (!name.startsWith("io.arcllm.")) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> known = findLoadedClass(name);
            if (known != null) {
                return known;
            }
            try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                if (in == null) {
                    throw new ClassNotFoundException(name);
                }
                byte[] bytes = in.readAllBytes();
                defined.add(name);
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }
    }
}
