package io.github.jsvm.engine;

import io.github.jsvm.ResourceExhaustedException;
import io.github.jsvm.RunOptions;
import io.github.jsvm.ScriptTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.graalvm.polyglot.Context;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The limits of one run: a deadline, and a meter that samples the running thread's CPU time and
 * allocated bytes. Fires at most once; the run waits for a firing in progress.
 */
final class RunGuard {
    private static final Logger LOG = LoggerFactory.getLogger(RunGuard.class);
    private static final Duration INTERRUPT_WAIT = Duration.ofMillis(500);
    /* Constants, not Durations made on the spot: the retry after an OutOfMemoryError must not allocate. */
    private static final long RETRY_PAUSE_NANOS = Duration.ofMillis(50).toNanos();
    private static final long END_POLL_NANOS = Duration.ofMillis(2).toNanos();

    /** Interrupts the guest code running in a context: {@code Context.interrupt}, replaceable by tests. */
    interface Interrupter {
        void interrupt(Context context, Duration wait) throws TimeoutException;
    }

    /** What a guard may do to the context whose run it limits. */
    interface Target {
        /** The polyglot context, {@code null} once closed. */
        @Nullable Context polyglot();

        boolean isClosed();

        /** Tells host-side loops of the run to stop (see {@link ContextRunner#checkNotStopped()}). */
        void requestStop();

        /** The run's own code was told of the stop (on the run's thread): its result, even a normal one, is not the run's. */
        void stopObserved();

        /** Closes the context, which cancels a run that resisted interruption. */
        void close();

        String description();
    }

    /** Why a run was stopped: which limit, and the exception that reports it. */
    record Stop(String what, @Nullable Duration timeout, ResourceExhaustedException.@Nullable Resource resource, long limit,
            boolean cancelled, boolean contextBudget) {
        RuntimeException exception(String description) {
            if (timeout != null) {
                return new ScriptTimeoutException(timeout, description, cancelled);
            }
            String closing = cancelled ? "; it could not be interrupted, so the context was closed to end it" : "";
            return new ResourceExhaustedException("Run in " + description + " exceeded its " + what + closing,
                    Objects.requireNonNull(resource, "a stop without a timeout is a resource limit's"), limit, contextBudget);
        }

        Stop cancelling() {
            return new Stop(what, timeout, resource, limit, true, contextBudget);
        }
    }

    private static final int RUNNING = 0;
    private static final int FIRING = 1;
    private static final int FINISHED = 2;

    private final Watchdog watchdog;
    private final Target target;
    private final Interrupter interrupter;
    private final Duration cancelAfter;
    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private final CountDownLatch interrupted = new CountDownLatch(1);
    private final @Nullable ScheduledFuture<?> deadline;
    private final @Nullable ResourceMeter meter;
    private volatile @Nullable Stop stop;
    /* Set as the run leaves the engine (normally or not): what the stopper waits for. */
    private volatile boolean ended;

    /**
     * Starts enforcing {@code limits} on the run of {@code thread}, of whose timeout {@code spentNanos}
     * went before the run started (waiting for its turn); {@code cancelAfter} is how long the
     * run may resist interruption before its context is closed to end it; {@code budget} (or
     * {@code null}) says which limits are the rest of the context's budget, and has the warning marks.
     */
    RunGuard(RunOptions limits, long spentNanos, Thread thread, Watchdog watchdog, Target target, Interrupter interrupter, Duration cancelAfter,
            @Nullable RunBudget budget) {
        this.watchdog = watchdog;
        this.target = target;
        this.interrupter = interrupter;
        this.cancelAfter = cancelAfter;
        Duration timeout = limits.timeout();
        this.deadline = timeout == null ? null
                : watchdog.schedule(timeout.minusNanos(spentNanos), () -> fire(new Stop("timeout", timeout, null, 0, false, false)));
        this.meter = ResourceMeter.start(watchdog, limits, thread, (resource, limit) -> fire(stopFor(resource, limit, budget)),
                budget == null ? RunBudget.noMarks() : budget.meterMarks());
    }

    private static Stop stopFor(ResourceExhaustedException.Resource resource, long limit, @Nullable RunBudget budget) {
        if (budget != null && budget.fromContext(resource)) {
            BudgetLedger ledger = Objects.requireNonNull(budget.ledger(), "a limit from the context's budget has its ledger");
            return new Stop(ledger.exceeded(resource), null, resource, ledger.limit(resource), false, true);
        }
        return new Stop(resource == ResourceExhaustedException.Resource.CPU_TIME
                ? "CPU-time limit of " + Duration.ofNanos(limit).toMillis() + " ms"
                : "allocation limit of " + limit + " bytes", null, resource, limit, false, false);
    }

    private void fire(Stop reason) {
        if (!state.compareAndSet(RUNNING, FIRING)) {
            return;
        }
        stop = reason;
        target.requestStop();
        if (meter != null) {
            meter.stop();
        }
        watchdog.stop(() -> {
            try {
                stopSurvivingFailures();
            } finally {
                interrupted.countDown();
            }
        });
    }

    /*
     * The stop must not die half way: an OutOfMemoryError thrown anywhere in it (logging,
     * closing) would otherwise leave the run going with nobody to stop it. Try again after a
     * short pause; memory is usually back once the collector has run.
     */
    private void stopSurvivingFailures() {
        while (!ended && !target.isClosed()) {
            try {
                interruptUntilStopped();
                return;
            } catch (RuntimeException | Error failed) {
                LockSupport.parkNanos(RETRY_PAUSE_NANOS);
            }
        }
    }

    /*
     * interrupt() waits until the run has left the engine. A run blocked in host code (a slow
     * HostFunction) cannot be stopped at a safepoint, so keep trying until it returns to guest
     * code. An interrupt that lands can also be swallowed (GraalJS's promise-job loop may carry on
     * after it), so success means the run has ended, not that interrupt() returned. But not
     * forever: a run that resists for cancelAfter (a host function that does not return, or an
     * engine that no longer answers interrupts, as after an OutOfMemoryError) has its context
     * closed, which cancels it. Any failure of the interrupt itself escalates at once.
     */
    private void interruptUntilStopped() {
        long cancelAt = System.nanoTime() + cancelAfter.toNanos();
        while (!target.isClosed() && !ended) {
            Context polyglot = target.polyglot();
            if (polyglot == null) {
                return; // closed meanwhile, which ends the run
            }
            try {
                interrupter.interrupt(polyglot, INTERRUPT_WAIT);
                if (awaitEnd(INTERRUPT_WAIT)) {
                    return;
                }
                LOG.debug("{}: the run went on after an interrupt, interrupting again", target.description());
            } catch (TimeoutException notYet) {
                LOG.debug("{}: run not stopped within {}, interrupting again", target.description(), INTERRUPT_WAIT);
            } catch (RuntimeException | Error failed) {
                LOG.warn("{}: interrupting the run failed; closing the context to end it", target.description(), failed);
                cancel();
                return;
            }
            if (!ended && System.nanoTime() - cancelAt >= 0) {
                LOG.warn("{}: run not stopped within {} of its limit; closing the context to end it", target.description(), cancelAfter);
                cancel();
                return;
            }
        }
    }

    /** Waits up to {@code wait} for the run to reach {@link #finish()}; whether it did. */
    private boolean awaitEnd(Duration wait) {
        long until = System.nanoTime() + wait.toNanos();
        while (!ended && System.nanoTime() - until < 0) {
            LockSupport.parkNanos(END_POLL_NANOS);
        }
        return ended;
    }

    private void cancel() {
        stop = Objects.requireNonNull(stop, "cancelled only after a limit fired").cancelling();
        target.close();
    }

    /** Whether the run has an allocation limit, which its own thread checks between statements ({@link AllocationCheck}). */
    boolean limitsAllocation() {
        return meter != null && meter.limitsAllocation();
    }

    /**
     * Called on the run's own thread between statements ({@link AllocationCheck}) with the bytes
     * the thread has allocated: checks the allocation limit now, which fires the guard as the
     * watchdog would; returns whether a limit has fired, so that the guest unwinds at once instead of
     * waiting for the interrupt.
     */
    boolean stoppedOnRunThread(long allocated) {
        ResourceMeter current = meter;
        if (current != null) {
            current.checkAllocationOnRunThread(allocated);
        }
        if (state.get() == RUNNING) {
            return false;
        }
        target.stopObserved();
        return true;
    }

    /** Ends the guard; returns why the run was stopped (after waiting for the interrupt), or null. */
    @Nullable Stop finish() {
        ended = true;
        if (state.compareAndSet(RUNNING, FINISHED)) {
            if (deadline != null) {
                deadline.cancel(false);
            }
            if (meter != null) {
                meter.stop();
            }
            return null;
        }
        // Uninterruptibly: the stopper may still be interrupting this thread, and must be done before the next run.
        boolean waiting = true;
        while (waiting) {
            try {
                interrupted.await();
                waiting = false;
            } catch (InterruptedException engineInterrupt) {
                // cleared; the run's end decides the thread's interrupt status
            }
        }
        if (deadline != null) {
            deadline.cancel(false);
        }
        return stop;
    }
}
