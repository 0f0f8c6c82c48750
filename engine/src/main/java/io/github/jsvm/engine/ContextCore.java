package io.github.jsvm.engine;

import io.github.jsvm.ContextBusyException;
import io.github.jsvm.ContextClosedException;
import io.github.jsvm.ResourceExhaustedException;
import io.github.jsvm.RunOptions;
import io.github.jsvm.ScriptTimeoutException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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

    private final Context polyglot;
    private final String description;
    private final Watchdog watchdog;
    private final Consumer<ContextCore> onClose;
    private final AtomicReference<Thread> runner = new AtomicReference<>();
    private volatile boolean closed;
    private volatile boolean closeWhenRunEnds;
    /* Set when a limit of the current run fires; host-side loops (value conversion) poll it. */
    private volatile boolean stopRequested;

    ContextCore(Context polyglot, String description, Watchdog watchdog, Consumer<ContextCore> onClose) {
        this.polyglot = polyglot;
        this.description = description;
        this.watchdog = watchdog;
        this.onClose = onClose;
    }

    Context polyglot() {
        return polyglot;
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
        Thread current = Thread.currentThread();
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
            }
            if (guard != null) {
                // A limit that fires as the body returns normally stops nothing: keep the result.
                guard.finish();
            }
            return result;
        } finally {
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
        if (closed) {
            return closedException();
        }
        if (fired != null) {
            return fired.exception(description);
        }
        if (failure instanceof PolyglotException engineStop) {
            if (engineStop.isCancelled()) {
                return closedException();
            }
            return new IllegalStateException(description + " was stopped unexpectedly: " + engineStop.getMessage());
        }
        return failure;
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
            onClose.accept(this);
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
    private record Stop(String what, Duration timeout, ResourceExhaustedException.Resource resource, long limit) {
        RuntimeException exception(String description) {
            if (timeout != null) {
                return new ScriptTimeoutException("Script execution timed out after " + timeout.toMillis() + " ms in " + description, timeout);
            }
            return new ResourceExhaustedException("Run in " + description + " exceeded its " + what, resource, limit);
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
        private final ScheduledFuture<?> meter;
        private volatile Stop stop;

        RunGuard(RunOptions limits, Thread thread) {
            Duration timeout = limits.timeout();
            this.deadline = timeout == null ? null
                    : watchdog.schedule(timeout, () -> fire(new Stop("timeout", timeout, null, 0)));
            this.meter = limits.cpuTimeLimit() == null && limits.allocationLimit() == 0 ? null
                    : watchdog.sample(Duration.ofMillis(RunOptions.SAMPLING_MILLIS), new ResourceMeter(limits, thread, this::fire));
        }

        private void fire(Stop reason) {
            if (!state.compareAndSet(RUNNING, FIRING)) {
                return;
            }
            stop = reason;
            stopRequested = true;
            if (meter != null) {
                meter.cancel(false);
            }
            watchdog.stop(() -> {
                try {
                    interruptUntilStopped();
                } finally {
                    interrupted.countDown();
                }
            });
        }

        /*
         * interrupt() waits until the run has left the engine. A run blocked in host code (a slow
         * HostFunction) cannot be stopped at a safepoint, so keep trying until it returns to guest code
         * or the context is closed.
         */
        private void interruptUntilStopped() {
            while (!closed) {
                try {
                    polyglot.interrupt(INTERRUPT_WAIT);
                    return;
                } catch (TimeoutException notYet) {
                    LOG.debug("{}: run not stopped within {}, interrupting again", description, INTERRUPT_WAIT);
                } catch (RuntimeException e) {
                    LOG.debug("{}: interrupt failed", description, e);
                    return;
                }
            }
        }

        /** Ends the guard; returns why the run was stopped (after waiting for the interrupt), or null. */
        Stop finish() {
            if (state.compareAndSet(RUNNING, FINISHED)) {
                if (deadline != null) {
                    deadline.cancel(false);
                }
                if (meter != null) {
                    meter.cancel(false);
                }
                return null;
            }
            boolean interruptedNow = Thread.interrupted();
            try {
                interrupted.await();
            } catch (InterruptedException e) {
                interruptedNow = true;
            } finally {
                if (interruptedNow) {
                    Thread.currentThread().interrupt();
                }
                if (deadline != null) {
                    deadline.cancel(false);
                }
            }
            return stop;
        }
    }

    /** Samples one thread's CPU time and allocated bytes against a run's limits. */
    private static final class ResourceMeter implements Runnable {
        private static final com.sun.management.ThreadMXBean THREADS =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        private final long threadId;
        private final long cpuLimit;
        private final long allocationLimit;
        private final long cpuAtStart;
        private final long allocatedAtStart;
        private final java.util.function.Consumer<Stop> onExceeded;

        ResourceMeter(RunOptions limits, Thread thread, java.util.function.Consumer<Stop> onExceeded) {
            this.threadId = thread.threadId();
            this.cpuLimit = limits.cpuTimeLimit() == null ? 0 : limits.cpuTimeLimit().toNanos();
            this.allocationLimit = limits.allocationLimit();
            this.cpuAtStart = cpuLimit == 0 ? 0 : THREADS.getThreadCpuTime(threadId);
            this.allocatedAtStart = allocationLimit == 0 ? 0 : THREADS.getThreadAllocatedBytes(threadId);
            this.onExceeded = onExceeded;
        }

        @Override
        public void run() {
            if (cpuLimit > 0 && THREADS.getThreadCpuTime(threadId) - cpuAtStart > cpuLimit) {
                onExceeded.accept(new Stop("CPU-time limit of " + Duration.ofNanos(cpuLimit).toMillis() + " ms", null,
                        ResourceExhaustedException.Resource.CPU_TIME, cpuLimit));
            } else if (allocationLimit > 0 && THREADS.getThreadAllocatedBytes(threadId) - allocatedAtStart > allocationLimit) {
                onExceeded.accept(new Stop("allocation limit of " + allocationLimit + " bytes", null,
                        ResourceExhaustedException.Resource.ALLOCATED_BYTES, allocationLimit));
            }
        }
    }
}
