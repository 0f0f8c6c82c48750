package io.github.jsvm.engine;

import io.github.jsvm.RunOptions;
import io.github.jsvm.RunUsage;
import io.github.jsvm.RunUsageListener;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

/**
 * What one run used, for its statement budget and its {@link RunUsageListener}. Created only for
 * runs that have either; touched only by the thread of the run.
 */
final class RunUsageRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(RunUsageRecorder.class);
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final @Nullable RunUsageListener listener;
    private final @Nullable StatementBudget budget;
    private final long startCpu;
    private final long startAllocated;
    private final long startConsole;
    private final long startConsoleDropped;
    private long hostFunctionCalls;
    private long importCalls;
    private @Nullable StatementBudget outer;

    private RunUsageRecorder(RunOptions options, @Nullable StatementBudget budget, ConsoleOutput console) {
        this.listener = options.usageListener();
        this.budget = budget;
        this.startCpu = listener == null ? 0 : THREADS.getCurrentThreadCpuTime();
        this.startAllocated = listener == null ? 0 : THREADS.getCurrentThreadAllocatedBytes();
        this.startConsole = listener == null ? 0 : console.bytes();
        this.startConsoleDropped = listener == null ? 0 : console.droppedBytes();
    }

    /**
     * A recorder for a run under {@code options}, or {@code null} when the run has neither a statement
     * limit nor a listener; its statement budget tells {@code marks} (ascending; {@code null} for none).
     */
    static @Nullable RunUsageRecorder forRun(@Nullable RunOptions options, LazyInstrument statements, RunBudget.Mark @Nullable [] marks,
            ConsoleOutput console) {
        if (options == null || (options.usageListener() == null && options.statementLimit() == 0)) {
            return null;
        }
        StatementBudget budget = null;
        if (options.statementLimit() > 0) {
            statements.ensureAttached();
            budget = new StatementBudget(options.statementLimit(), marks);
        }
        return new RunUsageRecorder(options, budget, console);
    }

    /** The run starts on this thread: its statements count from now (a run nested on the thread saves the outer budget). */
    void enter() {
        outer = StatementCounter.CURRENT.get();
        StatementCounter.CURRENT.set(budget);
    }

    /** The run left the engine: the outer run's budget, if any, counts again. */
    void exit() {
        RunThreadLocals.restore(StatementCounter.CURRENT, outer);
    }

    /** Whether the run executed more statements than its budget allows. */
    boolean overBudget() {
        return budget != null && budget.exceeded();
    }

    /** Statements the run executed, 0 when they were not counted. */
    long statementsExecuted() {
        return budget == null ? 0 : budget.executed();
    }

    long statementLimit() {
        return Objects.requireNonNull(budget, "only a budgeted run is over budget").limit();
    }

    void hostFunctionCalled() {
        hostFunctionCalls++;
    }

    void importCalled() {
        importCalls++;
    }

    /**
     * Tells the listener, if any, what the run used in {@code wallNanos} (the runner's clock) and on
     * the context's {@code console}; its failure is logged, never thrown.
     */
    void report(String description, long wallNanos, ConsoleOutput console) {
        if (listener == null) {
            return;
        }
        RunUsage usage = new RunUsage(Duration.ofNanos(wallNanos),
                Duration.ofNanos(THREADS.getCurrentThreadCpuTime() - startCpu),
                THREADS.getCurrentThreadAllocatedBytes() - startAllocated,
                budget == null ? -1 : budget.executed(), hostFunctionCalls, importCalls,
                console.bytes() - startConsole, console.droppedBytes() > startConsoleDropped);
        try {
            listener.runEnded(usage);
        } catch (RuntimeException | Error failure) {
            LOG.warn("The usage listener of a run in {} failed", description, failure);
        }
    }
}
