package io.github.jsvm.engine;

import io.github.jsvm.LimitWarning;
import io.github.jsvm.ResourceExhaustedException;
import io.github.jsvm.ResourceExhaustedException.Resource;
import io.github.jsvm.RunOptions;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The budget side of one run: the limits it runs under once its context's {@link BudgetLedger} is
 * counted in (the smaller of its own limit and what remains of the budget), the warning marks of
 * its {@link LimitWarning}s, and, when it ends, what it spent of the budget.
 *
 * <p>Planned only for a run of a context with a budget or a run with a warning ({@link #plan}
 * returns {@code null} otherwise, so other runs pay one null check). Created and ended on the run's
 * thread.
 */
final class RunBudget {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final Mark[] NO_MARKS = {};

    /**
     * A warning mark: told once, with what the run has used, when the run has used {@code at} of
     * {@code resource}. Must only hand the warning over (it may be called on the run's thread, in
     * the middle of guest code).
     */
    record Mark(Resource resource, long at, Reached reached) {
        void reached(long used) {
            reached.reached(used);
        }
    }

    /** What a mark does when reached: hands a warning over. */
    interface Reached {
        void reached(long used);
    }

    private final RunOptions limits;
    private final @Nullable BudgetLedger ledger;
    /* Bit per resource ordinal: the run's limit of that resource is what remains of the context's budget. */
    private final int fromContext;
    private final Mark[] meterMarks;
    private final Mark[] statementMarks;
    private final long cpuAtStart;
    private final long allocatedAtStart;

    private RunBudget(RunOptions limits, @Nullable BudgetLedger ledger, int fromContext, List<Mark> marks) {
        this.limits = limits;
        this.ledger = ledger;
        this.fromContext = fromContext;
        this.meterMarks = marks.stream().filter(mark -> mark.resource() != Resource.STATEMENTS).toArray(Mark[]::new);
        this.statementMarks = marks.stream().filter(mark -> mark.resource() == Resource.STATEMENTS)
                .sorted((a, b) -> Long.compare(a.at(), b.at())).toArray(Mark[]::new);
        this.cpuAtStart = ledger != null && ledger.limit(Resource.CPU_TIME) > 0 ? THREADS.getCurrentThreadCpuTime() : 0;
        this.allocatedAtStart = ledger != null && ledger.limit(Resource.ALLOCATED_BYTES) > 0
                ? THREADS.getCurrentThreadAllocatedBytes() : 0;
    }

    /**
     * The plan of a run under {@code limits} in a context with {@code ledger} ({@code null}: no
     * budget), or {@code null} when there is neither a budget nor a warning.
     *
     * @throws ResourceExhaustedException when the context's budget is spent: the run must not start
     */
    static @Nullable RunBudget plan(@Nullable RunOptions limits, @Nullable BudgetLedger ledger, String description, Watchdog watchdog) {
        LimitWarning runWarning = limits == null ? null : limits.warning();
        if (ledger == null && runWarning == null) {
            return null;
        }
        RunOptions own = limits == null ? RunOptions.defaults() : limits;
        List<Mark> marks = new ArrayList<>(6);
        if (runWarning != null) {
            Duration cpu = own.cpuTimeLimit();
            addRunMark(marks, runWarning, Resource.CPU_TIME, cpu == null ? 0 : cpu.toNanos(), description, watchdog);
            addRunMark(marks, runWarning, Resource.ALLOCATED_BYTES, own.allocationLimit(), description, watchdog);
            addRunMark(marks, runWarning, Resource.STATEMENTS, own.statementLimit(), description, watchdog);
        }
        if (ledger == null) {
            return new RunBudget(own, null, 0, marks);
        }
        Resource spentOne = ledger.spentResource();
        if (spentOne != null) {
            throw ledger.exhausted(spentOne, false);
        }
        long[] spent = ledger.spent();
        RunOptions.Builder effective = own.toBuilder();
        int fromContext = 0;
        for (Resource resource : List.of(Resource.CPU_TIME, Resource.ALLOCATED_BYTES, Resource.STATEMENTS)) {
            long budget = ledger.limit(resource);
            if (budget == 0) {
                continue;
            }
            long before = spent[resource.ordinal()];
            long remaining = budget - before;
            long runLimit = runLimit(own, resource);
            if (runLimit == 0 || remaining < runLimit) {
                fromContext |= 1 << resource.ordinal();
                switch (resource) {
                    case CPU_TIME -> effective.cpuTimeLimit(Duration.ofNanos(remaining));
                    case ALLOCATED_BYTES -> effective.allocationLimit(remaining);
                    default -> effective.statementLimit(remaining);
                }
            }
            long mark = ledger.warningMark(resource);
            if (mark > 0) {
                if (mark <= before) {
                    ledger.warn(resource, before); // reached without being told (cannot happen after add(), but cheap to cover)
                } else {
                    marks.add(new Mark(resource, mark - before, used -> ledger.warn(resource, before + used)));
                }
            }
        }
        return new RunBudget(effective.build(), ledger, fromContext, marks);
    }

    private static void addRunMark(List<Mark> marks, LimitWarning warning, Resource resource, long limit, String description,
            Watchdog watchdog) {
        if (limit > 0) {
            marks.add(new Mark(resource, Math.max(1, (long) (warning.fraction() * limit)), used -> BudgetLedger.tell(watchdog, warning,
                    new LimitWarning.Event(LimitWarning.Scope.RUN, resource, limit, used, description))));
        }
    }

    private static long runLimit(RunOptions limits, Resource resource) {
        return switch (resource) {
            case CPU_TIME -> limits.cpuTimeLimit() == null ? 0 : limits.cpuTimeLimit().toNanos();
            case ALLOCATED_BYTES -> limits.allocationLimit();
            case STATEMENTS -> limits.statementLimit();
            case HOST_HEAP -> 0;
        };
    }

    /** The limits the run runs under: its own, each capped by what remains of the context's budget. */
    RunOptions limits() {
        return limits;
    }

    /** Marks on CPU time and allocation, for the run's {@link ResourceMeter}. */
    Mark[] meterMarks() {
        return meterMarks;
    }

    /** Marks on statements, in ascending order, for the run's {@link StatementBudget}; {@code null} when none. */
    Mark @Nullable [] statementMarks() {
        return statementMarks.length == 0 ? null : statementMarks;
    }

    /** Whether the run's limit of {@code resource} is the rest of the context's budget. */
    boolean fromContext(Resource resource) {
        return (fromContext & (1 << resource.ordinal())) != 0;
    }

    /** The context's budget, when this run has one. */
    @Nullable BudgetLedger ledger() {
        return ledger;
    }

    /** The run ended (on its thread): adds what it spent to the context's budget, if any. */
    void end(long statementsExecuted) {
        if (ledger == null) {
            return;
        }
        long[] used = new long[Resource.values().length];
        if (ledger.limit(Resource.CPU_TIME) > 0) {
            used[Resource.CPU_TIME.ordinal()] = Math.max(0, THREADS.getCurrentThreadCpuTime() - cpuAtStart);
        }
        if (ledger.limit(Resource.ALLOCATED_BYTES) > 0) {
            used[Resource.ALLOCATED_BYTES.ordinal()] = Math.max(0, THREADS.getCurrentThreadAllocatedBytes() - allocatedAtStart);
        }
        used[Resource.STATEMENTS.ordinal()] = statementsExecuted;
        ledger.add(used);
    }

    static Mark[] noMarks() {
        return NO_MARKS;
    }
}
