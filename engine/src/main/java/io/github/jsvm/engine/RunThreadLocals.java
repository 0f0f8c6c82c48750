package io.github.jsvm.engine;

import org.jspecify.annotations.Nullable;

/**
 * Saving and restoring the per-thread state of a run (its statement budget, depth, allocation
 * guard): a run nested on the thread (from a host function) sets its own and gives the outer one back.
 */
final class RunThreadLocals {
    private RunThreadLocals() {}

    /** Gives {@code local} back the {@code outer} run's value, removing it when there was none. */
    static <T> void restore(ThreadLocal<@Nullable T> local, @Nullable T outer) {
        if (outer == null) {
            local.remove();
        } else {
            local.set(outer);
        }
    }
}
