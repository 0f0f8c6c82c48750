package io.github.jsvm.engine;

import io.github.jsvm.ContextBusyException;
import io.github.jsvm.ContextClosedException;
import io.github.jsvm.ResourceExhaustedException;
import io.github.jsvm.RunOptions;
import io.github.jsvm.ScriptTimeoutException;
import io.github.jsvm.VmException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine side of a context: the polyglot context, the rule that one run happens at a time, the
 * run limits (deadline, CPU time, allocation), and closing.
 *
 * <p>Deliberately holds no reference to its {@link GraalContext} wrapper, so that it can serve as
 * the wrapper's cleanup action: when the wrapper becomes unreachable, the cleaner closes this core.
 */
final class ContextCore implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ContextCore.class);
    private static final Duration INTERRUPT_WAIT = Duration.ofMillis(500);
    /** How long a run past its limit may resist interruption before its context is closed to end it. */
    static final Duration CANCEL_AFTER = Duration.ofSeconds(5);

    /** Interrupts the guest code running in a context: {@code Context.interrupt}, replaceable by tests. */
    interface Interrupter {
        void interrupt(Context context, Duration wait) throws TimeoutException;
    }

    /* Package-private and mutable only so that tests can inject a stuck interrupt. */
    Interrupter interrupter = Context::interrupt;
    Duration cancelAfter = CANCEL_AFTER;

    /* Dropped on close, with everything else engine-side: a closed context the application still holds weighs next to nothing. */
    private volatile Context polyglot;
    private volatile Runnable releaseOnClose;
    private final String description;
    private final Watchdog watchdog;
    private final Consumer<ContextCore> onClose;
    private final AtomicReference<Thread> runner = new AtomicReference<>();
    /* Only for a context callers share without naming it (the Vm's main context): runs wait their turn. */
    private final ReentrantLock queue;
    private volatile boolean closed;
    private volatile boolean closeWhenRunEnds;
    /* Set when a limit of the current run fires; host-side loops (value conversion) poll it. */
    private volatile boolean stopRequested;

    /**
     * @param queueing whether a run on a busy context waits for its turn instead of failing with
     *     {@link ContextBusyException}: for the Vm's main context, which callers use without naming it
     */
    ContextCore(Context polyglot, String description, Watchdog watchdog, Consumer<ContextCore> onClose, boolean queueing) {
        this.polyglot = polyglot;
        this.description = description;
        this.watchdog = watchdog;
        this.onClose = onClose;
        this.queue = queueing ? new ReentrantLock(true) : null;
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
     * or when a stuck run is cancelled). The action must not reach the wrapper strongly (this core is
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
        return closed;
    }

    /** Whether the current thread is inside a run of this context. */
    boolean isRunningOnCurrentThread() {
        return runner.get() == Thread.currentThread();
    }

    /**
     * Runs {@code body} as this context's only run, stopping it when it exceeds one of {@code limits}
     * ({@code null} for none). The body does everything that touches guest values, including error
     * translation, so that all of it is covered by the limits.
     */
    <T> T run(RunOptions limits, Supplier<T> body) {
        if (queue == null || isRunningOnCurrentThread()) {
            return runNow(limits, body);
        }
        queue.lock();
        try {
            return runNow(limits, body);
        } finally {
            queue.unlock();
        }
    }

    private <T> T runNow(RunOptions limits, Supplier<T> body) {
        Thread current = Thread.currentThread();
        boolean interruptedBefore = current.isInterrupted();
        Thread busy = runner.compareAndExchange(null, current);
        if (busy != null) {
            throw new ContextBusyException(busy == current
                    ? description + " is already running code on this thread; nested runs in the same context are not supported"
                    : description + " is running code on thread '" + busy.getName() + "'; a context runs one piece of code at a time");
        }
        try {
            ensureOpen();
            stopRequested = false;
            RunGuard guard = limits == null || !limits.isLimited() ? null : new RunGuard(limits, current);
            T result;
            try {
                result = body.get();
            } catch (RuntimeException failure) {
                Stop fired = guard == null ? null : guard.finish();
                throw stopped(failure, fired);
            } catch (OutOfMemoryError heapFull) {
                // Raised in host-side work of the run (converting, translating): whatever the run
                // allocated is unreachable once it unwinds, so the host goes on.
                Stop fired = guard == null ? null : guard.finish();
                throw fired != null ? fired.exception(description) : heapExhausted(description);
            }
            if (guard != null) {
                // A limit that fires as the body returns normally stops nothing: keep the result.
                guard.finish();
            }
            return result;
        } finally {
            if ((stopRequested || closed) && !interruptedBefore) {
                // Stopping a run may interrupt its thread (the engine wakes blocked guest code so);
                // that interrupt belongs to the run and must not reach the caller's next wait.
                Thread.interrupted();
            }
            runner.set(null);
            if (closeWhenRunEnds) {
                close();
            }
        }
    }

    /**
     * Maps the failure of a run. When a limit fired, any failure is reported as that limit: the
     * interrupt may surface as an engine stop or, if it hit while a guest error was being read, as
     * that read failing.
     */
    private RuntimeException stopped(RuntimeException failure, Stop fired) {
        if (fired != null && (!closed || fired.cancelled())) {
            return fired.exception(description);
        }
        if (closed) {
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

    /** The exception for a run during which the host's heap ran out. */
    static ResourceExhaustedException heapExhausted(String description) {
        long max = Runtime.getRuntime().maxMemory();
        return new ResourceExhaustedException(description + ": the host's heap (" + (max >> 20)
                + " MB) ran out during the run; the run was stopped", ResourceExhaustedException.Resource.HOST_HEAP, max);
    }

    /** Throws if the current run was asked to stop (deadline or close); called from host-side loops. */
    void checkNotStopped() {
        if (stopRequested || closed) {
            throw new RunStoppedException();
        }
    }

    void ensureOpen() {
        if (closed) {
            throw closedException();
        }
    }

    private ContextClosedException closedException() {
        return new ContextClosedException(description + " is closed");
    }

    /** Closes the context; cancels a run in progress on another thread. Idempotent. */
    void close() {
        if (runner.get() == Thread.currentThread()) {
            // Closing from inside a run (a host function): the engine cannot cancel the calling
            // thread, so the run finishes first and closes on its way out.
            closeWhenRunEnds = true;
            return;
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            polyglot.close(true);
        } catch (RuntimeException e) {
            LOG.debug("Closing {} failed", description, e);
        } finally {
            polyglot = null;
            onClose.accept(this);
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

    /** Why a run was stopped: which limit, and the exception that reports it. */
    private record Stop(String what, Duration timeout, ResourceExhaustedException.Resource resource, long limit, boolean cancelled) {
        RuntimeException exception(String description) {
            if (timeout != null) {
                return new ScriptTimeoutException(timeout, description, cancelled);
            }
            String closing = cancelled ? "; it could not be interrupted, so the context was closed to end it" : "";
            return new ResourceExhaustedException("Run in " + description + " exceeded its " + what + closing, resource, limit);
        }

        Stop cancelling() {
            return new Stop(what, timeout, resource, limit, true);
        }
    }

    /**
     * The limits of one run: a deadline, and a meter that samples the running thread's CPU time and
     * allocated bytes. Fires at most once; the run waits for a firing in progress.
     */
    private final class RunGuard {
        private static final int RUNNING = 0;
        private static final int FIRING = 1;
        private static final int FINISHED = 2;

        private final AtomicInteger state = new AtomicInteger(RUNNING);
        private final CountDownLatch interrupted = new CountDownLatch(1);
        private final ScheduledFuture<?> deadline;
        private final ResourceMeter meter;
        private volatile Stop stop;
        /* Set as the run leaves the engine (normally or not): what the stopper waits for. */
        private volatile boolean ended;

        RunGuard(RunOptions limits, Thread thread) {
            Duration timeout = limits.timeout();
            this.deadline = timeout == null ? null
                    : watchdog.schedule(timeout, () -> fire(new Stop("timeout", timeout, null, 0, false)));
            this.meter = ResourceMeter.start(watchdog, limits, thread, (resource, limit) -> fire(new Stop(
                    resource == ResourceExhaustedException.Resource.CPU_TIME
                            ? "CPU-time limit of " + Duration.ofNanos(limit).toMillis() + " ms"
                            : "allocation limit of " + limit + " bytes", null, resource, limit, false)));
        }

        private void fire(Stop reason) {
            if (!state.compareAndSet(RUNNING, FIRING)) {
                return;
            }
            stop = reason;
            stopRequested = true;
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
            while (!ended && !closed) {
                try {
                    interruptUntilStopped();
                    return;
                } catch (RuntimeException | Error failed) {
                    LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
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
            while (!closed && !ended) {
                Context target = polyglot;
                if (target == null) {
                    return; // closed meanwhile, which ends the run
                }
                try {
                    interrupter.interrupt(target, INTERRUPT_WAIT);
                    if (awaitEnd(INTERRUPT_WAIT)) {
                        return;
                    }
                    LOG.debug("{}: the run went on after an interrupt, interrupting again", description);
                } catch (TimeoutException notYet) {
                    LOG.debug("{}: run not stopped within {}, interrupting again", description, INTERRUPT_WAIT);
                } catch (RuntimeException | Error failed) {
                    LOG.warn("{}: interrupting the run failed; closing the context to end it", description, failed);
                    cancel();
                    return;
                }
                if (!ended && System.nanoTime() - cancelAt >= 0) {
                    LOG.warn("{}: run not stopped within {} of its limit; closing the context to end it", description, cancelAfter);
                    cancel();
                    return;
                }
            }
        }

        /** Waits up to {@code wait} for the run to reach {@link #finish()}; whether it did. */
        private boolean awaitEnd(Duration wait) {
            long until = System.nanoTime() + wait.toNanos();
            while (!ended && System.nanoTime() - until < 0) {
                LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
            }
            return ended;
        }

        private void cancel() {
            stop = stop.cancelling();
            close();
        }

        /** Ends the guard; returns why the run was stopped (after waiting for the interrupt), or null. */
        Stop finish() {
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
}
