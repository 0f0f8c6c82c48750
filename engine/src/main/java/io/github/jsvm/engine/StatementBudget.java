package io.github.jsvm.engine;

/**
 * The statement count of one run, and its limit. Touched only by the thread of the run (the
 * {@link StatementCounter}'s nodes run on it), so plain fields.
 */
final class StatementBudget {
    private final long limit;
    private long executed;
    private boolean exceeded;

    /** A budget of {@code limit} statements; {@code Long.MAX_VALUE} only counts. */
    StatementBudget(long limit) {
        this.limit = limit;
    }

    /** Counts one statement about to run; whether it may run. */
    boolean spend() {
        if (executed >= limit) {
            exceeded = true;
            return false;
        }
        executed++;
        return true;
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
