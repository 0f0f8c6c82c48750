package io.github.jsvm.engine;

import org.jspecify.annotations.Nullable;

/**
 * The statement count of one run, and its limit. Touched only by the thread of the run (the
 * {@link StatementCounter}'s nodes run on it), so plain fields.
 */
final class StatementBudget {
    private static final RunBudget.Mark[] NO_MARKS = {};

    private final long limit;
    /* Warning marks, in ascending order of their count; those before nextMark are passed. */
    private final RunBudget.Mark[] marks;
    private int nextMark;
    /* The count at which spend() must look closer: the limit or the next mark, whichever is first. */
    private long next;
    private long executed;
    private boolean exceeded;

    /**
     * A budget of {@code limit} statements ({@code Long.MAX_VALUE} only counts) that tells each of
     * {@code marks} when the run has executed its count.
     */
    StatementBudget(long limit, RunBudget.Mark @Nullable [] marks) {
        this.limit = limit;
        this.marks = marks == null ? NO_MARKS : marks;
        this.next = nextCheck();
    }

    /** Counts one statement about to run; whether it may run. */
    boolean spend() {
        if (executed >= next && !passCheck()) {
            return false;
        }
        executed++;
        return true;
    }

    /* At the limit or a mark: refuses the statement at the limit, tells the marks reached. */
    private boolean passCheck() {
        if (executed >= limit) {
            exceeded = true;
            return false;
        }
        while (nextMark < marks.length && marks[nextMark].at() <= executed) {
            marks[nextMark++].reached(executed);
        }
        next = nextCheck();
        return true;
    }

    private long nextCheck() {
        return nextMark < marks.length ? Math.min(limit, marks[nextMark].at()) : limit;
    }

    long limit() {
        return limit;
    }

    /** Statements executed so far. */
    long executed() {
        return executed;
    }

    /** Whether a statement was refused: the run was over budget. */
    boolean exceeded() {
        return exceeded;
    }
}
