package io.github.jsvm.engine;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Enforces run limits (deadlines, CPU time, allocation) for all contexts of one {@link GraalVm} with two daemon threads at most,
 * whatever the number of runs.
 *
 * <p>One thread keeps the timetable. Stopping a run means interrupting its context, which blocks
 * until the run has left the engine (tens of milliseconds); that blocking work goes to a second,
 * small pool so that one slow stop never delays the next deadline. The same threads run the
 * {@link SourceJanitor}'s rare housekeeping.
 */
final class Watchdog implements AutoCloseable {
    private final ScheduledThreadPoolExecutor timetable;
    private final ThreadPoolExecutor stoppers;

    Watchdog(String vmName) {
        timetable = new ScheduledThreadPoolExecutor(1, daemonThreads(vmName + "-watchdog"));
        timetable.setRemoveOnCancelPolicy(true);
        stoppers = new ThreadPoolExecutor(
                2, 2, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemonThreads(vmName + "-interrupter"));
        stoppers.allowCoreThreadTimeOut(true);
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

    /** Runs {@code check} on the timetable thread every {@code period} until cancelled; it must be quick. */
    ScheduledFuture<?> sample(Duration period, Runnable check) {
        return timetable.scheduleAtFixedRate(check, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Runs {@code task} on a stopper thread every {@code period}, until closed. */
    void every(Duration period, Runnable task) {
        timetable.scheduleWithFixedDelay(() -> stoppers.execute(task), period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        timetable.shutdownNow();
        stoppers.shutdownNow();
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
