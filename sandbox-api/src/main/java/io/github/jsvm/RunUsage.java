package io.github.jsvm;

import java.time.Duration;

/**
 * What one run used, as its {@link RunUsageListener} hears it.
 *
 * <p>Precision: {@code wallTime}, {@code cpuTime} and {@code allocatedBytes} are exact for the thread
 * that ran the code (read from the JVM at the run's start and end, so they include the library's own
 * work in the run, such as converting the result); work the run hands to other threads is not
 * included. {@code statements}, {@code hostFunctionCalls}, {@code importCalls} and
 * {@code consoleBytes} are exact counts.
 *
 * <p>Promise jobs are not counted: GraalJS drains its job queue inside the engine, its job functions
 * are neither instrumentable nor visible through the polyglot API, and its promise hook is internal
 * to the engine. A job's JavaScript statements are in {@code statements}.
 *
 * @param wallTime wall-clock time from the run's start to its end
 * @param cpuTime CPU time of the running thread during the run
 * @param allocatedBytes bytes the running thread allocated during the run
 * @param statements JavaScript statements executed, or {@code -1} when not counted (they are counted
 *     when the run has a {@link RunOptions#statementLimit()})
 * @param hostFunctionCalls calls from the guest into {@link HostFunction}s
 * @param importCalls {@code import()} calls and static imports resolved during the run
 * @param consoleBytes bytes the guest wrote to its console during the run, dropped ones included
 * @param consoleTruncated whether some of that output was dropped, by the run's or the context's
 *     {@code consoleOutputLimit}
 */
public record RunUsage(Duration wallTime, Duration cpuTime, long allocatedBytes, long statements, long hostFunctionCalls,
        long importCalls, long consoleBytes, boolean consoleTruncated) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException when {@code wallTime} or {@code cpuTime} is {@code null}
     */
    public RunUsage {
        Checks.notNull(wallTime, "wallTime");
        Checks.notNull(cpuTime, "cpuTime");
    }
}
