package io.github.jsvm.engine;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Enforces run limits (deadlines, CPU time, allocation) for all contexts of one {@link GraalJsVm}: one
 * daemon thread keeps the timetable, whatever the number of runs, and one more daemon thread works
 * for each run being stopped at that moment.
 *
 * <p>Stopping a run means interrupting its context, which blocks until the run has left the engine:
 * usually milliseconds, but up to {@link ContextRunner#CANCEL_AFTER} for a run blocked in a slow host
 * function. Each stop gets its own thread, so that neither the next deadline nor another run's stop
 * waits behind a slow one (a memory bomb whose stop waited would go on allocating). There are never
 * more stops in progress than runs in progress, since each run is stopped at most once. The same
 * threads run the {@link SourceJanitor}'s rare housekeeping; idle ones end after ten seconds.
 */
final class Watchdog implements AutoCloseable {
    private final ScheduledThreadPoolExecutor timetable;
    private final ThreadPoolExecutor stoppers;
    /* Early warnings (LimitWarning listeners): application code, so threads of their own, apart from the stoppers. */
    private final ThreadPoolExecutor warnings;
    private final AtomicLong warningsPending = new AtomicLong();

    Watchdog(String vmName) {
        timetable = new ScheduledThreadPoolExecutor(1, daemonThreads(vmName + "-watchdog"));
        timetable.setRemoveOnCancelPolicy(true);
        stoppers = new ThreadPoolExecutor(
                0, Integer.MAX_VALUE, 10, TimeUnit.SECONDS, new SynchronousQueue<>(), daemonThreads(vmName + "-interrupter"));
        warnings = new ThreadPoolExecutor(
                0, Integer.MAX_VALUE, 10, TimeUnit.SECONDS, new SynchronousQueue<>(), daemonThreads(vmName + "-warning"));
    }

    /** Runs {@code fire} on the timetable thread once {@code timeout} has passed, unless cancelled first; it must be quick. */
    ScheduledFuture<?> schedule(Duration timeout, Runnable fire) {
        return timetable.schedule(fire, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Runs {@code stop} on a stopper thread now; on the calling thread if no stopper can take it (a
     * thread that cannot be started after an OutOfMemoryError): a stop that never runs would leave a
     * run going forever.
     */
    void stop(Runnable stop) {
        try {
            stoppers.execute(stop);
        } catch (RuntimeException | Error cannotHandOff) {
            stop.run();
        }
    }

    /**
     * Runs {@code warning} (an application's listener) on a warning thread of its own, never on the
     * caller's: neither the timetable nor a run waits for it, and one that blocks holds only its
     * thread. Dropped when no thread can take it (the Vm is closing, or threads cannot be started).
     */
    void warn(Runnable warning) {
        warningsPending.incrementAndGet();
        try {
            warnings.execute(() -> {
                try {
                    warning.run();
                } finally {
                    warningsPending.decrementAndGet();
                }
            });
        } catch (RuntimeException | Error cannotHandOff) {
            // a warning is advice: losing it must not disturb the run or the watchdog
            warningsPending.decrementAndGet();
        }
    }

    /** Warnings handed over and not yet told (finished); lets tests wait until a warning cannot still come. */
    long warningsPending() {
        return warningsPending.get();
    }

    /** Runs {@code task} on a stopper thread every {@code period}, until closed. */
    void every(Duration period, Runnable task) {
        timetable.scheduleWithFixedDelay(() -> stoppers.execute(task), period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        timetable.shutdownNow();
        stoppers.shutdownNow();
        warnings.shutdown();
    }

    static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
