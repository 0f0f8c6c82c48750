package io.github.jsvm.engine;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Makes {@code toString}, {@code hashCode} and {@code equals} of copied guest values terminate, and
 * in time linear in the copy rather than in its paths: a value reached again while it is being
 * printed prints as {@value #CIRCULAR}, contributes 0 to a hash code, and a pair reached again while
 * it is being compared counts as equal (the comparison of the outer pair decides). A value shared
 * without a cycle ({@code o = [o, o]} forty times: 41 arrays, 2<sup>40</sup> paths) is hashed once
 * and a pair of them compared once per outermost call; its text, which repeats each occurrence, is
 * cut after about {@value #PRINT_LIMIT} characters, the rest of each value shown as
 * {@value #ELIDED}.
 */
final class CycleGuard {
    static final String CIRCULAR = "[Circular]";
    static final String ELIDED = "...";
    static final int PRINT_LIMIT = 1 << 20;

    private static final ThreadLocal<Walk<String>> PRINTING = new ThreadLocal<>();
    private static final ThreadLocal<Walk<Integer>> HASHING = new ThreadLocal<>();
    private static final ThreadLocal<Comparison> COMPARING = new ThreadLocal<>();

    private CycleGuard() {}

    static String print(Object value, Supplier<String> print) {
        return run(PRINTING, value, print, CIRCULAR);
    }

    /**
     * Counts {@code chars} more of the outermost value's text being printed on this thread; whether
     * the text may grow further (a value stops adding elements once it may not).
     */
    static boolean printMore(int chars) {
        Walk<String> walk = PRINTING.get();
        if (walk == null) {
            return true;
        }
        walk.printed += chars;
        return walk.printed <= PRINT_LIMIT;
    }

    static int hash(Object value, Supplier<Integer> hash) {
        return run(HASHING, value, hash, 0);
    }

    static boolean equal(Object value, Object other, Supplier<Boolean> compare) {
        Comparison comparison = COMPARING.get();
        boolean outermost = comparison == null;
        if (outermost) {
            comparison = new Comparison();
            COMPARING.set(comparison);
        }
        Map<Object, Boolean> proven = comparison.proven.get(value);
        if (proven != null && proven.containsKey(other)) {
            return true;
        }
        Map<Object, Boolean> others = comparison.inProgress.computeIfAbsent(value, ignored -> new IdentityHashMap<>());
        if (others.put(other, Boolean.TRUE) != null) {
            return true;
        }
        try {
            boolean equal = compare.get();
            if (equal) {
                // Sound even if it rested on a pair still in progress: a pair found unequal anywhere
                // makes every comparison around it, up to the outermost, return false at once.
                comparison.proven.computeIfAbsent(value, ignored -> new IdentityHashMap<>()).put(other, Boolean.TRUE);
            }
            return equal;
        } finally {
            others.remove(other);
            if (outermost) {
                COMPARING.remove();
            }
        }
    }

    private static <T> T run(ThreadLocal<Walk<T>> active, Object value, Supplier<T> work, T again) {
        Walk<T> walk = active.get();
        boolean outermost = walk == null;
        if (outermost) {
            walk = new Walk<>();
            active.set(walk);
        }
        T known = walk.done.get(value);
        if (known != null) {
            return known;
        }
        if (walk.inProgress.put(value, Boolean.TRUE) != null) {
            walk.cuts++;
            return again;
        }
        int cutsBefore = walk.cuts;
        try {
            T result = work.get();
            if (walk.cuts == cutsBefore) {
                // Computed without meeting a value in progress: the same wherever the value is met.
                walk.done.put(value, result);
            }
            return result;
        } finally {
            walk.inProgress.remove(value);
            if (outermost) {
                active.remove();
            }
        }
    }

    /** One outermost print or hash on one thread: the values in progress and those done. */
    private static final class Walk<T> {
        final Map<Object, Boolean> inProgress = new IdentityHashMap<>();
        final Map<Object, T> done = new IdentityHashMap<>();
        int cuts;
        long printed;
    }

    /** One outermost comparison on one thread: the pairs in progress and those found equal. */
    private static final class Comparison {
        final Map<Object, Map<Object, Boolean>> inProgress = new IdentityHashMap<>();
        final Map<Object, Map<Object, Boolean>> proven = new IdentityHashMap<>();
    }
}
