package io.github.jsvm.engine;

import io.github.jsvm.ContextBudget;
import io.github.jsvm.ContextBusyException;
import io.github.jsvm.ContextClosedException;
import io.github.jsvm.ResourceExhaustedException;
import io.github.jsvm.RunOptions;
import io.github.jsvm.ScriptTimeoutException;
import io.github.jsvm.VmException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine side of a context: the polyglot context, the rule that one run happens at a time, how a
 * run's failure is reported when it was stopped, and closing. Each limited run's limits are enforced
 * by its {@link RunGuard}.
 *
 * <p>Deliberately holds no reference to its {@link GraalContext} wrapper, so that it can serve as
 * the wrapper's cleanup action: when the wrapper becomes unreachable, the cleaner closes this runner.
 */
final class ContextRunner implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ContextRunner.class);
    /** How long a run past its limit may resist interruption before its context is closed to end it. */
    static final Duration CANCEL_AFTER = Duration.ofSeconds(5);
    /* For a run after which the heap has no room even for its report; shared and thrown as is, as the JVM does its own OutOfMemoryError. */
    private static final ResourceExhaustedException HEAP_STILL_FULL = new ResourceExhaustedException(
            "The host's heap ran out during a run; the run was stopped and its context closed",
            ResourceExhaustedException.Resource.HOST_HEAP, Runtime.getRuntime().maxMemory());

    /* Package-private and mutable only so that tests can inject a stuck interrupt. */
    RunGuard.Interrupter interrupter = Context::interrupt;
    Duration cancelAfter = CANCEL_AFTER;

    /* Dropped on close, with everything else engine-side: a closed context the application still holds weighs next to nothing. */
    private volatile @Nullable Context polyglot;
    private volatile @Nullable Runnable releaseOnClose;
    private final String description;
    private final Watchdog watchdog;
    /* Where runs of a caller that erases its thread locals go (see CarrierThreads). */
    private final CarrierThreads carriers;
    private final Consumer<ContextRunner> onClose;
    private final VmCounters counters;
    private final VmCounters.RunTally tally;
    private final RunInstruments instruments;
    /* The guest's console, counted and capped per context and per run. */
    private final ConsoleOutput console;
    /* Whether the last run had a console cap of its own, so the next one must reset it; touched by the run's thread. */
    private boolean consoleRunLimited;
    /* ContextOptions.maxStackDepth, 0 for none. */
    private final int maxStackDepth;
    /* What the context's runs have spent of its budget; null when it has none. */
    private final @Nullable BudgetLedger budgetLedger;
    /* The current run's recorder; written and read by the thread of the run. */
    private @Nullable RunUsageRecorder usage;
    /* The current run's budget plan, for statementLimitReached(); written and read by the thread of the run. */
    private @Nullable RunBudget runBudget;
    private final AtomicReference<Thread> runningThread = new AtomicReference<>();
    /* Only for a context callers share without naming it (the Vm's main context): runs wait their turn. */
    private final @Nullable ReentrantLock queue;
    private volatile boolean closed;
    /* Closed from inside its own run: another thread closes it, and so does the run's end should it come first (see close). */
    private volatile boolean closeWhenRunEnds;
    /* Set when a limit of the current run fires; host-side loops (value conversion) poll it. */
    private volatile boolean stopRequested;
    /* Set when the heap ran out during the current run, which closed the context; the run's thread only. */
    private boolean heapRanOut;
    /* Set when host-side work of the current run was unwound because of a stop, or its guest code was told of it (AllocationCheck); the run's thread only. */
    private boolean stopObserved;
    /* What a run's guard may do to this context when a limit fires; an object of its own keeps that small. */
    private final RunGuard.Target stopTarget = new RunGuard.Target() {
        @Override
        public @Nullable Context polyglot() {
            return polyglot;
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public void requestStop() {
            stopRequested = true;
        }

        @Override
        public void stopObserved() {
            stopObserved = true;
        }

        @Override
        public void close() {
            ContextRunner.this.close();
        }

        @Override
        public String description() {
            return description;
        }
    };

    /**
     * @param queueing whether a run on a busy context waits for its turn instead of failing with
     *     {@link ContextBusyException}: for the Vm's main context, which callers use without naming it
     * @param budget what the context's runs may spend together ({@link ContextBudget#none()}: nothing
     *     is counted, and runs pay one null check)
     */
    ContextRunner(Context polyglot, String description, Watchdog watchdog, CarrierThreads carriers, VmCounters counters,
            RunInstruments instruments, Consumer<ContextRunner> onClose, boolean queueing,
            ConsoleOutput console, int maxStackDepth, ContextBudget budget) {
        this.console = console;
        this.maxStackDepth = maxStackDepth;
        this.polyglot = polyglot;
        this.counters = counters;
        this.tally = counters.openTally();
        this.instruments = instruments;
        this.description = description;
        this.watchdog = watchdog;
        this.carriers = carriers;
        this.onClose = onClose;
        this.queue = queueing ? new ReentrantLock(true) : null;
        this.budgetLedger = BudgetLedger.of(budget, description, watchdog);
    }

    /** What remains of the context's budget, as of the end of its last run. */
    ContextBudget.Remaining budgetRemaining() {
        BudgetLedger ledger = budgetLedger;
        return ledger == null ? ContextBudget.Remaining.UNLIMITED : ledger.remaining();
    }

    Context polyglot() {
        Context current = polyglot;
        if (current == null) {
            throw closedException();
        }
        return current;
    }

    /**
     * Sets what to release when this context closes, however it closes (by its owner, by the cleaner,
     * or when a stuck run is cancelled). The action must not reach the wrapper strongly (this runner is
     * the wrapper's cleanup action).
     */
    void releaseOnClose(Runnable release) {
        releaseOnClose = release;
        if (closed) {
            release.run();
        }
    }

    String description() {
        return description;
    }

    boolean isClosed() {
        return closed || closeWhenRunEnds;
    }

    /** Whether the current thread is inside a run of this context. */
    boolean isRunningOnCurrentThread() {
        return runningThread.get() == Thread.currentThread();
    }

    /**
     * Runs {@code body} as this context's only run, stopping it when it exceeds one of {@code limits}
     * ({@code null} for none). The body does everything that touches guest values, including error
     * translation, so that all of it is covered by the limits.
     */
    <T> T run(@Nullable RunOptions limits, Supplier<T> body) {
        return CarrierThreads.erasesThreadLocals(Thread.currentThread()) ? carriers.call(() -> runInTurn(limits, body)) : runInTurn(limits, body);
    }

    private <T> T runInTurn(@Nullable RunOptions limits, Supplier<T> body) {
        ReentrantLock turns = queue;
        if (turns == null || isRunningOnCurrentThread()) {
            return runNow(limits, body, true, 0);
        }
        long waitedNanos = awaitTurn(turns, limits == null ? null : limits.timeout());
        try {
            return runNow(limits, body, true, waitedNanos);
        } finally {
            turns.unlock();
        }
    }

    /*
     * A queued run's timeout counts from the call, so the wait for its turn spends it too: a run
     * queued behind one that never ends would otherwise never return. Like lock(), an interrupt
     * does not end the wait; it is kept for the caller. Returns how long the turn took.
     */
    private long awaitTurn(ReentrantLock turns, @Nullable Duration timeout) {
        if (timeout == null) {
            turns.lock();
            return 0;
        }
        long called = System.nanoTime();
        boolean interrupted = false;
        try {
            while (true) {
                long left = timeout.toNanos() - (System.nanoTime() - called);
                try {
                    if (left > 0 ? turns.tryLock(left, TimeUnit.NANOSECONDS) : turns.tryLock()) {
                        return System.nanoTime() - called;
                    }
                    ScriptTimeoutException timedOut = new ScriptTimeoutException(timeout, description, false);
                    counters.runFailed(timedOut);
                    throw timedOut;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Sets the new context up (the library's own helpers, before any user code): a run nobody asked for, so not counted. */
    <T> T initialize(Supplier<T> body) {
        return carriers.call(() -> runNow(null, body, false, 0));
    }

    /** @param waitedNanos how much of the run's timeout its wait for its turn spent */
    private <T> T runNow(@Nullable RunOptions limits, Supplier<T> body, boolean counted, long waitedNanos) {
        Thread current = Thread.currentThread();
        boolean interruptedBefore = current.isInterrupted();
        Thread busy = runningThread.compareAndExchange(null, current);
        if (busy != null) {
            throw new ContextBusyException(busy == current
                    ? description + " is already running code on this thread; nested runs in the same context are not supported"
                    : description + " is running code on thread '" + busy.getName() + "'; a context runs one piece of code at a time");
        }
        boolean opened = false;
        boolean timed = false;
        long started = 0;
        @Nullable RuntimeException reported = null;
        @Nullable RunUsageRecorder recorder = null;
        // The depth of a run on this thread before this one (a run nested from a host function), restored at the end.
        boolean depthSet = false;
        StackDepthLimiter.@Nullable Depth outerDepth = null;
        @Nullable RunBudget budget = null;
        // The allocation-limited run on this thread before this one (nested from a host function), restored at the end.
        boolean allocationChecked = false;
        @Nullable RunGuard outerChecked = null;
        try {
            ensureOpen();
            HeapReserve.restore();
            opened = true;
            if (stopRequested) {
                // Only a stopped run leaves it set (its guard has finished); a volatile write every run is a fence every run.
                stopRequested = false;
            }
            stopObserved = false;
            if (counted && (budgetLedger != null || (limits != null && limits.warning() != null))) {
                try {
                    budget = RunBudget.plan(limits, budgetLedger, description, watchdog);
                } catch (ResourceExhaustedException spent) {
                    reported = spent;
                    throw spent;
                }
                limits = budget == null ? limits : budget.limits();
            }
            recorder = counted ? RunUsageRecorder.forRun(limits, instruments.statements(), budget == null ? null : budget.statementMarks(), console) : null;
            usage = recorder;
            runBudget = budget;
            // Two clock reads cost a third of a tiny run: only for the Vm's statistics when asked, and for a usage report.
            timed = counted && (recorder != null || counters.measuresRunTime());
            if (timed) {
                started = System.nanoTime();
            }
            long consoleLimit = limits == null ? 0 : limits.consoleOutputLimit();
            if (consoleLimit != 0 || consoleRunLimited) {
                console.runStarted(consoleLimit);
                consoleRunLimited = consoleLimit != 0;
            }
            if (maxStackDepth > 0 || StackDepthLimiter.inUse()) {
                outerDepth = StackDepthLimiter.CURRENT.get();
                StackDepthLimiter.CURRENT.set(maxStackDepth > 0 ? new StackDepthLimiter.Depth(maxStackDepth) : null);
                depthSet = true;
            }
            RunGuard guard = limits == null || !limits.isLimited() ? null
                    : new RunGuard(limits, waitedNanos, current, watchdog, stopTarget, interrupter, cancelAfter, budget);
            if (guard != null && guard.limitsAllocation()) {
                instruments.allocations().ensureAttached();
                outerChecked = AllocationCheck.CURRENT.get();
                AllocationCheck.CURRENT.set(guard);
                allocationChecked = true;
            }
            T result;
            if (recorder != null) {
                recorder.enter();
            }
            try {
                result = body.get();
            } catch (RuntimeException failure) {
                if (failure instanceof PolyglotException engineStop && isHeapExhaustion(engineStop)) {
                    // First, before anything else allocates: the heap may be full of what the context holds.
                    closeAfterHeapRanOut();
                }
                RunGuard.Stop fired = guard == null ? null : guard.finish();
                try {
                    reported = fired == null && !closed && recorder != null && recorder.overBudget()
                            ? statementLimitExceeded(recorder, budget) : stopped(failure, fired);
                } catch (OutOfMemoryError heapFull) {
                    // The failure may hold what filled the heap (GraalJS copies a thrown value into its
                    // message): mapping it must not let an OutOfMemoryError reach the caller.
                    closeAfterHeapRanOut();
                    reported = heapReport(fired);
                }
                throw reported;
            } catch (OutOfMemoryError heapFull) {
                // Raised in guest code the engine could not report, or in host-side work of the run
                // (converting, translating).
                closeAfterHeapRanOut();
                RunGuard.Stop fired = guard == null ? null : guard.finish();
                reported = heapReport(fired);
                throw reported;
            } finally {
                if (recorder != null) {
                    recorder.exit();
                }
            }
            if (guard != null) {
                // A limit that fires as the body returns normally stops nothing: keep the result. Unless
                // host-side work of the run saw the stop (checkNotStopped threw): then the body's result
                // is whatever the guest made of that unwinding (a caught error, a rejected module), and
                // the run reports the stop.
                RunGuard.Stop fired = guard.finish();
                if (fired != null && stopObserved) {
                    reported = stopped(new RunStoppedException(), fired);
                    throw reported;
                }
            }
            if (recorder != null && recorder.overBudget()) {
                // Over budget in a promise job or a caught error: the run did not do all its work.
                reported = statementLimitExceeded(recorder, budget);
                throw reported;
            }
            if (closeWhenRunEnds) {
                // Closed by its own host code, and done before the cancellation reached it.
                reported = closedException();
                throw reported;
            }
            return result;
        } finally {
            if ((stopRequested || closed) && !interruptedBefore) {
                // Stopping a run may interrupt its thread (the engine wakes blocked guest code so);
                // that interrupt belongs to the run and must not reach the caller's next wait.
                Thread.interrupted();
            }
            usage = null;
            runBudget = null;
            if (allocationChecked) {
                RunThreadLocals.restore(AllocationCheck.CURRENT, outerChecked);
            }
            if (depthSet) {
                RunThreadLocals.restore(StackDepthLimiter.CURRENT, outerDepth);
            }
            if (budget != null) {
                budget.end(recorder == null ? 0 : recorder.statementsExecuted());
            }
            // One clock read at each end serves the Vm's counters and the run's usage report.
            long wallNanos = timed ? System.nanoTime() - started : 0;
            if (opened && counted) {
                // While this thread still owns the context: the tally's only writer. A run timed only for
                // its usage report adds no run time when the Vm does not measure it.
                tally.runEnded(counters.measuresRunTime() ? wallNanos : 0);
            }
            runningThread.set(null);
            if (closed) {
                tally.retire(); // closed during the run: the closing left the tally to the run (see close)
            }
            if (opened && counted) {
                if (reported != null) {
                    counters.runFailed(reported);
                }
                if (recorder != null) {
                    recorder.report(description, wallNanos, console);
                }
            }
            if (closeWhenRunEnds) {
                close();
            }
        }
    }

    private ResourceExhaustedException statementLimitExceeded(RunUsageRecorder recorder, @Nullable RunBudget budget) {
        if (budget != null && budget.fromContext(ResourceExhaustedException.Resource.STATEMENTS)) {
            return Objects.requireNonNull(budget.ledger(), "a limit from the context's budget has its ledger")
                    .exhausted(ResourceExhaustedException.Resource.STATEMENTS, true);
        }
        return new ResourceExhaustedException("Run in " + description + " exceeded its statement limit of " + recorder.statementLimit(),
                ResourceExhaustedException.Resource.STATEMENTS, recorder.statementLimit());
    }

    /**
     * The exception the current run ends with because it exceeded its statement limit, or {@code null}
     * while it has not: the guest sees the limit as an error of its own, which may reject a module.
     * On the run's thread.
     */
    @Nullable ResourceExhaustedException statementLimitReached() {
        RunUsageRecorder recorder = usage;
        return recorder != null && recorder.overBudget() ? statementLimitExceeded(recorder, runBudget) : null;
    }

    /** What the current run records about its use, or {@code null} when nobody asked; read on the run's thread. */
    @Nullable RunUsageRecorder usage() {
        return usage;
    }

    /**
     * Maps the failure of a run. When a limit fired, any failure is reported as that limit: the
     * interrupt may surface as an engine stop or, if it hit while a guest error was being read, as
     * that read failing.
     */
    private RuntimeException stopped(RuntimeException failure, RunGuard.@Nullable Stop fired) {
        if (fired != null && (!closed || fired.cancelled() || heapRanOut)) {
            return fired.exception(description);
        }
        if (heapRanOut) {
            return heapExhausted(description);
        }
        if (closed || closeWhenRunEnds) {
            return closedException();
        }
        if (failure instanceof PolyglotException engineStop) {
            if (engineStop.isCancelled()) {
                return closedException();
            }
            if (isHeapExhaustion(engineStop)) {
                return heapExhausted(description);
            }
            return new VmException(description + " was stopped unexpectedly: " + engineStop.getMessage());
        }
        return failure;
    }

    /**
     * Whether the engine ended a run because the host's heap ran out: an {@code OutOfMemoryError} in
     * guest code arrives as a resource-exhausted "guest" exception without a guest value (a stack
     * overflow arrives as a guest {@code RangeError}, which the guest may catch).
     */
    static boolean isHeapExhaustion(PolyglotException failure) {
        return failure.isResourceExhausted() && failure.getGuestObject() == null
                && (failure.getMessage() == null || !failure.getMessage().contains("Stack overflow"));
    }

    /**
     * The exception for the current run, during which the heap ran out: the limit that fired, if one
     * did, else {@code HOST_HEAP}; one made in advance should the heap still have no room for it (the
     * engine could not finish closing the context, or something else holds the heap).
     */
    private RuntimeException heapReport(RunGuard.@Nullable Stop fired) {
        try {
            return fired != null ? fired.exception(description) : heapExhausted(description);
        } catch (OutOfMemoryError stillFull) {
            return HEAP_STILL_FULL;
        }
    }

    /** The exception for a run during which the host's heap ran out. */
    static ResourceExhaustedException heapExhausted(String description) {
        long max = Runtime.getRuntime().maxMemory();
        return new ResourceExhaustedException(description + ": the host's heap (" + (max >> 20)
                + " MB) ran out during the run; the run was stopped", ResourceExhaustedException.Resource.HOST_HEAP, max);
    }

    /** Throws if the current run was asked to stop (deadline or close); called from host-side loops. */
    void checkNotStopped() {
        if (stopRequested || closed) {
            stopObserved = true;
            throw new RunStoppedException();
        }
    }

    void ensureOpen() {
        if (closed) {
            throw closedException();
        }
    }

    /** The failure of any use of this context once it is closed. */
    ContextClosedException closedException() {
        return new ContextClosedException(description + " is closed");
    }

    /**
     * The heap ran out during the current run: gives the reserve back and closes the context on the
     * spot, on the run's thread (its guest code has unwound), before the run's failure is mapped. What
     * the context still references may be what filled the heap, and an engine that met an
     * {@code OutOfMemoryError} half way through its own work is not to be trusted with the next run.
     */
    private void closeAfterHeapRanOut() {
        HeapReserve.release();
        heapRanOut = true;
        try {
            closeNow(false);
        } catch (OutOfMemoryError stillFull) {
            // The engine could not finish closing even with the reserve: the context is closed for
            // jsvm all the same (its engine side dropped), and the run is still reported.
        }
    }

    /** Closes the context; cancels a run in progress on another thread. Idempotent. */
    void close() {
        if (runningThread.get() == Thread.currentThread()) {
            // Closing from inside a run (a host function, a hook): the engine cancels a run only from
            // another thread, and waits for it to unwind, so this thread cannot close. Another thread
            // does, cancelling the guest code as soon as control returns to it; the run reports the
            // close however it ends, and closes on its way out should it end first.
            if (!closeWhenRunEnds) {
                closeWhenRunEnds = true;
                try {
                    Thread.ofPlatform().daemon().name("jsvm-close " + description).start(this::close);
                } catch (OutOfMemoryError | RuntimeException noThread) {
                    LOG.debug("No thread to close {} during its run; it closes when the run ends", description, noThread);
                }
            }
            return;
        }
        closeNow(true);
    }

    /**
     * @param cancel whether a run in progress must be cancelled; without, the engine skips the
     *     machinery that reaches running threads (after the heap ran out, the run has unwound, and that
     *     machinery, first used, loads classes and links call sites on a heap that has no room for them)
     */
    private void closeNow(boolean cancel) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            Context closing = Objects.requireNonNull(polyglot, "dropped only here, once");
            try {
                closing.close(cancel);
            } catch (IllegalStateException stillRunning) {
                closing.close(true);
            }
        } catch (RuntimeException e) {
            LOG.debug("Closing {} failed", description, e);
        } finally {
            polyglot = null;
            onClose.accept(this);
            if (runningThread.get() == null) {
                // No run left to count (a run still on its way out sees closed and retires the tally itself).
                tally.retire();
            }
            Runnable release = releaseOnClose;
            if (release != null) {
                release.run();
            }
        }
    }

    /** Cleaner action: the wrapper became unreachable without being closed. */
    @Override
    public void run() {
        close();
    }

    /** Unwinds host-side work of a run that was stopped; reported as the timeout or the close. */
    private static final class RunStoppedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RunStoppedException() {
            super("run stopped", null, false, false);
        }
    }
}
