package io.github.jsvm.engine;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Makes {@code toString}, {@code hashCode} and {@code equals} of copied guest values terminate on
 * cycles ({@code o.self = o}, {@code globalThis.self = globalThis}): a value reached again while it
 * is being printed prints as {@value #CIRCULAR}, contributes 0 to a hash code, and a pair reached
 * again while it is being compared counts as equal (the comparison of the outer pair decides).
 */
final class CycleGuard {
    static final String CIRCULAR = "[Circular]";

    private static final ThreadLocal<Map<Object, Boolean>> PRINTING = new ThreadLocal<>();
    private static final ThreadLocal<Map<Object, Boolean>> HASHING = new ThreadLocal<>();
    private static final ThreadLocal<Map<Object, Map<Object, Boolean>>> COMPARING = new ThreadLocal<>();

    private CycleGuard() {}

    static String print(Object value, Supplier<String> print) {
        return run(PRINTING, value, print, CIRCULAR);
    }

    static int hash(Object value, Supplier<Integer> hash) {
        return run(HASHING, value, hash, 0);
    }

    static boolean equal(Object value, Object other, Supplier<Boolean> compare) {
        Map<Object, Map<Object, Boolean>> pairs = COMPARING.get();
        boolean outermost = pairs == null;
        if (outermost) {
            pairs = new IdentityHashMap<>();
            COMPARING.set(pairs);
        }
        Map<Object, Boolean> others = pairs.computeIfAbsent(value, ignored -> new IdentityHashMap<>());
        if (others.put(other, Boolean.TRUE) != null) {
            return true;
        }
        try {
            return compare.get();
        } finally {
            others.remove(other);
            if (outermost) {
                COMPARING.remove();
            }
        }
    }

    private static <T> T run(ThreadLocal<Map<Object, Boolean>> active, Object value, Supplier<T> work, T again) {
        Map<Object, Boolean> inProgress = active.get();
        boolean outermost = inProgress == null;
        if (outermost) {
            inProgress = new IdentityHashMap<>();
            active.set(inProgress);
        }
        if (inProgress.put(value, Boolean.TRUE) != null) {
            return again;
        }
        try {
            return work.get();
        } finally {
            inProgress.remove(value);
            if (outermost) {
                active.remove();
            }
        }
    }
}
