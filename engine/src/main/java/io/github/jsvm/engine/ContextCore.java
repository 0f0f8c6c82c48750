package io.github.jsvm.engine;

import io.github.jsvm.ContextBusyException;
import io.github.jsvm.ContextClosedException;
import io.github.jsvm.ScriptTimeoutException;
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
 * run deadlines, and closing.
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
    /* Set when the current run's deadline fires; host-side loops (value conversion) poll it. */
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
     * Runs {@code body} as this context's only run, stopping it after {@code timeout} (if not null).
     * The body does everything that touches guest values, including error translation, so that all
     * of it is covered by the deadline.
     */
    <T> T run(Duration timeout, Supplier<T> body) {
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
            Deadline deadline = timeout == null ? null : new Deadline(timeout);
            T result;
            try {
                result = body.get();
            } catch (RuntimeException failure) {
                boolean fired = deadline != null && deadline.finish();
                throw stopped(failure, fired ? deadline.timeout : null);
            }
            if (deadline != null) {
                // A deadline that fires as the body returns normally stops nothing: keep the result.
                deadline.finish();
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
     * Maps the failure of a run. When the deadline fired, any failure is reported as the timeout:
     * the interrupt may surface as an engine stop or, if it hit while a guest error was being
     * read, as that read failing.
     */
    private RuntimeException stopped(RuntimeException failure, Duration firedTimeout) {
        if (closed) {
            return closedException();
        }
        if (firedTimeout != null) {
            return timeoutException(firedTimeout);
        }
        if (failure instanceof PolyglotException engineStop) {
            if (engineStop.isCancelled()) {
                return closedException();
            }
            return new IllegalStateException(description + " was stopped unexpectedly: " + engineStop.getMessage());
        }
        return failure;
    }

    private ScriptTimeoutException timeoutException(Duration timeout) {
        return new ScriptTimeoutException("Script execution timed out after " + timeout.toMillis() + " ms in " + description, timeout);
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

    /** The deadline of one run: fires at most once, and the run waits for a firing in progress. */
    private final class Deadline {
        private static final int RUNNING = 0;
        private static final int FIRING = 1;
        private static final int FINISHED = 2;

        final Duration timeout;
        private final AtomicInteger state = new AtomicInteger(RUNNING);
        private final CountDownLatch interrupted = new CountDownLatch(1);
        private final ScheduledFuture<?> future;

        Deadline(Duration timeout) {
            this.timeout = timeout;
            this.future = watchdog.schedule(timeout, this::fire);
        }

        private void fire() {
            if (!state.compareAndSet(RUNNING, FIRING)) {
                return;
            }
            stopRequested = true;
            try {
                interruptUntilStopped();
            } finally {
                interrupted.countDown();
            }
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

        /** Ends the deadline; returns whether it fired (after waiting for the interrupt to finish). */
        boolean finish() {
            if (state.compareAndSet(RUNNING, FINISHED)) {
                future.cancel(false);
                return false;
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
            }
            return true;
        }
    }
}
