package io.github.jsvm.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Whose code each source shared across hooks is in one context (see {@link SharedCodeTable}): the
 * first script whose shared code runs in the context owns that source there, so an {@code import()}
 * in it reaches that script's hook.
 *
 * <p>Held by the context wrapper, never by its runner: the options reach hooks, hooks often capture
 * the wrapper, and the runner is the cleanup action that must not keep the wrapper reachable. Bounded
 * by {@value #MAX_SHARED_CODE} records; beyond that, and for a second script with the same code,
 * callers run a private copy. Cleared when the context closes.
 */
final class SharedCodeUsers {
    /* Bounds what one long-lived context holds for shared code. */
    static final int MAX_SHARED_CODE = 4096;

    private final Map<String, HostDefinedOptions> users = new ConcurrentHashMap<>();

    /**
     * Whether the shared source {@code key} may run here on behalf of {@code options}: yes if it is the
     * first code with that key to run here (from now on its {@code import()} calls are served by
     * {@code options}) or the one that did; no if another script's code with that key ran here, or the
     * bound is reached. Called inside a run of the context.
     */
    boolean claim(String key, HostDefinedOptions options) {
        HostDefinedOptions current = users.get(key);
        if (current == null) {
            if (users.size() >= MAX_SHARED_CODE) {
                return false;
            }
            current = users.putIfAbsent(key, options);
            return current == null || current == options;
        }
        return current == options;
    }

    /** The options of the code that ran the shared source {@code key} here, or {@code null}. */
    @Nullable HostDefinedOptions user(String key) {
        return users.get(key);
    }

    void clear() {
        users.clear();
    }
}
