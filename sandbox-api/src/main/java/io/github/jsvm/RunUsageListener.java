package io.github.jsvm;

/**
 * Told what a run used, once the run has ended (successfully or not), on the thread that started
 * the run and outside it: the context may be used again from here. An exception it throws is logged
 * and does not change the run's outcome. Set with {@link RunOptions.Builder#usageListener}.
 */
@FunctionalInterface
public interface RunUsageListener {

    /** Receives the figures of one run. */
    void runEnded(RunUsage usage);
}
