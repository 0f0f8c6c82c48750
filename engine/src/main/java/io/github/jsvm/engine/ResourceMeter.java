package io.github.jsvm.engine;

import io.github.jsvm.ResourceExhaustedException.Resource;
import io.github.jsvm.RunOptions;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples one running thread's CPU time and allocated bytes against a run's limits, on the
 * {@link Watchdog}'s timetable thread, and reports the first limit crossed, once.
 *
 * <p>Sampling is adaptive: at most {@value RunOptions#SAMPLING_MILLIS} ms apart, and sooner as
 * the run nears a limit, down to {@link #MIN_PERIOD}. The next sample is due when half of what
 * remains could be used: CPU time at most as fast as wall time, bytes at the rate measured since the
 * last sample but never assumed slower than {@link #PEAK_BYTES_PER_NANO} (a run may start
 * allocating at full speed at any moment). A compiled loop allocates several GB per second: with a
 * fixed period of 10 ms it passed an allocation limit of 4 MB by 50 MB at the median.
 *
 * <p>Warning marks ({@link RunBudget.Mark}, for {@code LimitWarning}) are sampled the same way: each
 * is told once, at the first sample that sees the run past it, and the next sample is due as if the
 * next mark were a limit. A mark is told before a limit crossed in the same sample.
 */
final class ResourceMeter implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ResourceMeter.class);
    static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    static final Duration MIN_PERIOD = Duration.ofMillis(1);
    private static final long MIN_NANOS = MIN_PERIOD.toNanos();
    private static final long MAX_NANOS = Duration.ofMillis(RunOptions.SAMPLING_MILLIS).toNanos();
    /** The fastest one thread is assumed to allocate, in bytes per nanosecond (GB/s): about what a compiled loop reaches. */
    static final double PEAK_BYTES_PER_NANO = 4.0;

    /** Told which limit was crossed. */
    interface Exceeded {
        void exceeded(Resource resource, long limit);
    }

    private final Watchdog watchdog;
    private final long threadId;
    private final long cpuLimit;
    private final long allocationLimit;
    private final long cpuAtStart;
    private final long allocatedAtStart;
    private final Exceeded onExceeded;
    /* Warning marks on CPU time or allocation, each told once; null entries are passed. */
    private final RunBudget.@Nullable Mark[] marks;
    private long lastAllocated;
    private long lastSampled;
    private volatile @Nullable ScheduledFuture<?> next;
    private volatile boolean stopped;

    private ResourceMeter(Watchdog watchdog, RunOptions limits, Thread thread, Exceeded onExceeded, RunBudget.Mark[] marks) {
        this.watchdog = watchdog;
        this.threadId = thread.threadId();
        this.cpuLimit = limits.cpuTimeLimit() == null ? 0 : limits.cpuTimeLimit().toNanos();
        this.allocationLimit = limits.allocationLimit();
        this.cpuAtStart = cpuLimit == 0 ? 0 : THREADS.getThreadCpuTime(threadId);
        this.allocatedAtStart = allocationLimit == 0 ? 0 : THREADS.getThreadAllocatedBytes(threadId);
        this.lastAllocated = allocatedAtStart;
        this.lastSampled = System.nanoTime();
        this.onExceeded = onExceeded;
        this.marks = marks.clone();
    }

    /** Starts metering {@code thread} against {@code limits}; returns {@code null} when they set neither CPU time nor allocation. */
    static @Nullable ResourceMeter start(Watchdog watchdog, RunOptions limits, Thread thread, Exceeded onExceeded,
            RunBudget.Mark[] marks) {
        if (limits.cpuTimeLimit() == null && limits.allocationLimit() == 0) {
            return null;
        }
        ResourceMeter meter = new ResourceMeter(watchdog, limits, thread, onExceeded, marks);
        meter.scheduleIn(MIN_NANOS);
        return meter;
    }

    /** Stops sampling; a sample in progress may still report. */
    void stop() {
        stopped = true;
        ScheduledFuture<?> pending = next;
        if (pending != null) {
            pending.cancel(false);
        }
    }

    /** Whether the run has an allocation limit, which its own thread may check ({@link #checkAllocationOnRunThread(long)}). */
    boolean limitsAllocation() {
        return allocationLimit > 0;
    }

    /**
     * Checks the allocation limit now, on the metered thread itself ({@link AllocationCheck}), with
     * the bytes it has {@code allocated}, without waiting for the next sample, and reports a crossing
     * as a sample would (the guard acts on the first report only). Warning marks are left to the samples.
     */
    void checkAllocationOnRunThread(long allocated) {
        if (allocationLimit > 0 && !stopped && allocated - allocatedAtStart > allocationLimit) {
            stop();
            onExceeded.exceeded(Resource.ALLOCATED_BYTES, allocationLimit);
        }
    }

    /* A failure here (an OutOfMemoryError) must not end the sampling: try again at the longest period. */
    @Override
    public void run() {
        if (stopped) {
            return;
        }
        long delay;
        try {
            delay = sample();
        } catch (RuntimeException | Error failed) {
            LOG.debug("Sampling a run's resources failed", failed);
            delay = MAX_NANOS;
        }
        if (delay > 0) {
            scheduleIn(delay);
        }
    }

    private void scheduleIn(long nanos) {
        try {
            next = watchdog.schedule(Duration.ofNanos(nanos), this);
        } catch (RuntimeException rejected) {
            return; // the Vm is closing
        }
        if (stopped) {
            next.cancel(false);
        }
    }

    /** Checks the limits; returns the delay to the next sample, or 0 once a limit is crossed. */
    private long sample() {
        long now = System.nanoTime();
        long delay = MAX_NANOS;
        if (cpuLimit > 0) {
            long used = THREADS.getThreadCpuTime(threadId) - cpuAtStart;
            long remaining = Math.min(cpuLimit - used, passMarks(Resource.CPU_TIME, used));
            if (used > cpuLimit) {
                stopped = true;
                onExceeded.exceeded(Resource.CPU_TIME, cpuLimit);
                return 0;
            }
            delay = Math.min(delay, remaining / 2); // one thread uses CPU time at most as fast as wall time
        }
        if (allocationLimit > 0) {
            long allocated = THREADS.getThreadAllocatedBytes(threadId);
            long used = allocated - allocatedAtStart;
            long remaining = Math.min(allocationLimit - used, passMarks(Resource.ALLOCATED_BYTES, used));
            if (used > allocationLimit) {
                stopped = true;
                onExceeded.exceeded(Resource.ALLOCATED_BYTES, allocationLimit);
                return 0;
            }
            double rate = Math.max(PEAK_BYTES_PER_NANO, (double) (allocated - lastAllocated) / Math.max(1, now - lastSampled));
            delay = Math.min(delay, (long) (remaining / 2 / rate));
            lastAllocated = allocated;
        }
        lastSampled = now;
        return Math.max(MIN_NANOS, delay);
    }

    /** Tells the marks of {@code resource} that {@code used} has reached; returns how far the nearest other one is. */
    private long passMarks(Resource resource, long used) {
        long nearest = Long.MAX_VALUE;
        for (int i = 0; i < marks.length; i++) {
            RunBudget.Mark mark = marks[i];
            if (mark == null || mark.resource() != resource) {
                continue;
            }
            if (used >= mark.at()) {
                marks[i] = null;
                mark.reached(used);
            } else {
                nearest = Math.min(nearest, mark.at() - used);
            }
        }
        return nearest;
    }
}
