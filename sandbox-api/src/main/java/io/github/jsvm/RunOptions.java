package io.github.jsvm;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How one run of code in a context is done: its limits. Immutable; made with {@link #builder()},
 * {@link #withTimeout} or {@link #toBuilder()}, so that options added later need no change to callers.
 *
 * <p>Every limit covers everything the run does: the script itself, the promise jobs (microtasks)
 * drained before the run returns, and the conversion of the result to Java.
 * <ul>
 *   <li>{@code timeout}: wall-clock time. Exceeding it throws {@link ScriptTimeoutException}
 *       shortly after the deadline.
 *   <li>{@code cpuTimeLimit}: CPU time of the thread running the code (time spent waiting, for
 *       example in a {@link HostFunction} that sleeps, does not count).
 *   <li>{@code allocationLimit}: bytes allocated on the Java heap by the thread running the code,
 *       whether or not they are still live. GraalJS Community Edition has no heap cap per context,
 *       so this is how a run is kept from exhausting the host's heap. The running thread checks it
 *       itself between statements (about every megabyte allocated), so a loop that allocates is
 *       stopped at the statement that crosses the limit, however busy the machine; the checks are an
 *       instrument the {@code Vm} attaches the first time a run sets an allocation limit, and from
 *       then on every statement of that {@code Vm} counts down to its next check.
 *   <li>{@code statementLimit}: JavaScript statements executed, counted exactly (GraalJS's statement
 *       nodes, the statements of code compiled from strings and of promise jobs included). The run
 *       that executes one statement more than the limit is stopped before that statement runs, with
 *       {@link ResourceExhaustedException} ({@link ResourceExhaustedException.Resource#STATEMENTS});
 *       unlike GraalJS's own {@code ResourceLimits}, the context stays usable. Counting is done by an
 *       instrument the {@code Vm} attaches the first time a run asks for it; from then on every
 *       statement of that {@code Vm} pays a check, and a run with a budget pays the count.
 * </ul>
 * {@code consoleOutputLimit} caps what the run may write to the guest's console (bytes, output and
 * error together): what goes past it is dropped after one marker line, the run goes on, and its
 * {@link RunUsage} says so ({@link RunUsage#consoleTruncated()}). It never stops the run, so it is
 * not one of the limits {@link #isLimited()} asks about; {@link ContextOptions#consoleOutputLimit()}
 * caps the context's whole life.
 * A {@code usageListener} hears what a run used when it ends ({@link RunUsage}); nothing is measured
 * for runs without one. A {@code warning} ({@link LimitWarning}) is told, on a thread of its own,
 * when the run has used a fraction of its CPU-time, allocation or statement limit.
 * A context's {@link ContextBudget} caps every run further: a run runs under the smaller of its own
 * limit and what remains of the budget.
 * CPU time and allocation are also sampled from a watchdog thread at most {@value #SAMPLING_MILLIS} ms
 * apart, and more often as a run nears its limit (down to 1 ms): a run is stopped a few milliseconds
 * after crossing its CPU-time limit, or an allocation limit within one statement (a single large
 * allocation), so it can overshoot by what it consumes in that time (see the README). Crossing either throws
 * {@link ResourceExhaustedException}. The context stays usable after any of them.
 *
 * @param timeout the wall-clock limit, or {@code null} for none
 * @param cpuTimeLimit the CPU-time limit, or {@code null} for none
 * @param allocationLimit the allocation limit in bytes, or {@code 0} for none
 * @param statementLimit the most statements the run may execute, or {@code 0} for no limit
 * @param usageListener told what each run used when it ends, or {@code null} for no report
 * @param consoleOutputLimit the most bytes the run may write to the console, or {@code 0} for no cap
 * @param warning told when the run has used a fraction of one of its limits, or {@code null} for no
 *     warning
 */
public record RunOptions(@Nullable Duration timeout, @Nullable Duration cpuTimeLimit, long allocationLimit, long statementLimit,
        @Nullable RunUsageListener usageListener, long consoleOutputLimit, @Nullable LimitWarning warning) {

    /** The longest interval between two samples of a limited run's CPU time and allocation, in milliseconds. */
    public static final int SAMPLING_MILLIS = 10;

    private static final RunOptions DEFAULTS = new RunOptions(null, null, 0, 0, null, 0, null);

    /**
     * Validates the components; {@code null} and {@code 0} mean no limit.
     *
     * @throws InvalidArgumentException when {@code timeout} or {@code cpuTimeLimit} is not positive, or
     *     {@code allocationLimit}, {@code statementLimit} or {@code consoleOutputLimit} is negative
     */
    public RunOptions {
        Checks.positiveOrNull(timeout, "timeout");
        Checks.positiveOrNull(cpuTimeLimit, "cpuTimeLimit");
        Checks.notNegative(allocationLimit, "allocationLimit");
        Checks.notNegative(statementLimit, "statementLimit");
        Checks.notNegative(consoleOutputLimit, "consoleOutputLimit");
    }

    /** No limits. */
    public static RunOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Shorthand for a run limited to {@code timeout}, which must be positive.
     *
     * @throws NullPointerException when {@code timeout} is {@code null}
     * @throws InvalidArgumentException when {@code timeout} is not positive or longer than about 292 years
     */
    public static RunOptions withTimeout(Duration timeout) {
        return builder().timeout(timeout).build();
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return DEFAULTS.toBuilder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Whether any limit that stops the run is set (the console cap drops output instead). */
    public boolean isLimited() {
        return timeout != null || cpuTimeLimit != null || allocationLimit > 0 || statementLimit > 0;
    }

    /**
     * These options, each one that is not set (limits, the usage listener, the warning) taken from {@code fallback}.
     *
     * @throws NullPointerException when {@code fallback} is {@code null}
     */
    public RunOptions orElse(RunOptions fallback) {
        Checks.notNull(fallback, "fallback");
        return new RunOptions(timeout != null ? timeout : fallback.timeout,
                cpuTimeLimit != null ? cpuTimeLimit : fallback.cpuTimeLimit,
                allocationLimit > 0 ? allocationLimit : fallback.allocationLimit,
                statementLimit > 0 ? statementLimit : fallback.statementLimit,
                usageListener != null ? usageListener : fallback.usageListener,
                consoleOutputLimit > 0 ? consoleOutputLimit : fallback.consoleOutputLimit,
                warning != null ? warning : fallback.warning);
    }

    /**
     * Builds {@link RunOptions}; setters reject {@code null} and out-of-range values at once, naming the option
     * (an option that may be absent is absent while it is not set). Not thread-safe.
     */
    public static final class Builder {
        private @Nullable Duration timeout;
        private @Nullable Duration cpuTimeLimit;
        private long allocationLimit;
        private long statementLimit;
        private @Nullable RunUsageListener usageListener;
        private long consoleOutputLimit;
        private @Nullable LimitWarning warning;

        private Builder(RunOptions start) {
            this.timeout = start.timeout;
            this.cpuTimeLimit = start.cpuTimeLimit;
            this.allocationLimit = start.allocationLimit;
            this.statementLimit = start.statementLimit;
            this.usageListener = start.usageListener;
            this.consoleOutputLimit = start.consoleOutputLimit;
            this.warning = start.warning;
        }

        /**
         * Sets the wall-clock limit; must be positive.
         *
         * @throws NullPointerException when {@code timeout} is {@code null}
         * @throws InvalidArgumentException when {@code timeout} is not positive or longer than about 292 years
         */
        public Builder timeout(Duration timeout) {
            this.timeout = Checks.positive(timeout, "timeout");
            return this;
        }

        /**
         * Sets the CPU-time limit; must be positive.
         *
         * @throws NullPointerException when {@code cpuTimeLimit} is {@code null}
         * @throws InvalidArgumentException when {@code cpuTimeLimit} is not positive or longer than about 292 years
         */
        public Builder cpuTimeLimit(Duration cpuTimeLimit) {
            this.cpuTimeLimit = Checks.positive(cpuTimeLimit, "cpuTimeLimit");
            return this;
        }

        /**
         * Sets the allocation limit in bytes; must be positive.
         *
         * @throws InvalidArgumentException when {@code bytes} is not positive
         */
        public Builder allocationLimit(long bytes) {
            this.allocationLimit = Checks.positive(bytes, "allocationLimit");
            return this;
        }

        /**
         * Sets the most statements a run may execute; must be positive.
         *
         * @throws InvalidArgumentException when {@code statements} is not positive
         */
        public Builder statementLimit(long statements) {
            this.statementLimit = Checks.positive(statements, "statementLimit");
            return this;
        }

        /**
         * Sets the listener told what each run used when it ends.
         *
         * @throws NullPointerException when {@code listener} is {@code null}
         */
        public Builder usageListener(RunUsageListener listener) {
            this.usageListener = Checks.notNull(listener, "usageListener");
            return this;
        }

        /**
         * Caps the bytes a run may write to the console; must be positive. Output past it is dropped
         * after one marker line; the run goes on.
         *
         * @throws InvalidArgumentException when {@code bytes} is not positive
         */
        public Builder consoleOutputLimit(long bytes) {
            this.consoleOutputLimit = Checks.positive(bytes, "consoleOutputLimit");
            return this;
        }

        /**
         * Sets the early warning at a fraction of each of the run's limits (CPU time, allocation, statements).
         *
         * @throws NullPointerException when {@code warning} is {@code null}
         */
        public Builder warning(LimitWarning warning) {
            this.warning = Checks.notNull(warning, "warning");
            return this;
        }

        /** Creates the options. */
        public RunOptions build() {
            return new RunOptions(timeout, cpuTimeLimit, allocationLimit, statementLimit, usageListener, consoleOutputLimit, warning);
        }
    }
}
