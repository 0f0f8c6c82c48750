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
 *       so this is how a run is kept from exhausting the host's heap.
 * </ul>
 * CPU time and allocation are sampled at most {@value #SAMPLING_MILLIS} ms apart, and more often as
 * a run nears its limit (down to 1 ms): a run is stopped a few milliseconds after crossing its
 * limit, so it can overshoot by what it consumes in that time (for allocation, a few MB at the median
 * for a loop allocating gigabytes per second; see the README). Crossing either throws
 * {@link ResourceExhaustedException}. The context stays usable after any of them.
 *
 * @param timeout the wall-clock limit, or {@code null} for none
 * @param cpuTimeLimit the CPU-time limit, or {@code null} for none
 * @param allocationLimit the allocation limit in bytes, or {@code 0} for none
 */
public record RunOptions(@Nullable Duration timeout, @Nullable Duration cpuTimeLimit, long allocationLimit) {

    /** The longest interval between two samples of a limited run's CPU time and allocation, in milliseconds. */
    public static final int SAMPLING_MILLIS = 10;

    private static final RunOptions DEFAULTS = new RunOptions(null, null, 0);

    /** Validates the components; {@code null} and {@code 0} mean no limit. */
    public RunOptions {
        Checks.positiveOrNull(timeout, "timeout");
        Checks.positiveOrNull(cpuTimeLimit, "cpuTimeLimit");
        Checks.notNegative(allocationLimit, "allocationLimit");
    }

    /** No limits. */
    public static RunOptions defaults() {
        return DEFAULTS;
    }

    /** Shorthand for a run limited to {@code timeout}, which must be positive. */
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

    /** Whether any limit is set. */
    public boolean isLimited() {
        return timeout != null || cpuTimeLimit != null || allocationLimit > 0;
    }

    /** These limits, each one that is not set taken from {@code fallback}. */
    public RunOptions orElse(RunOptions fallback) {
        Checks.notNull(fallback, "fallback");
        return new RunOptions(timeout != null ? timeout : fallback.timeout,
                cpuTimeLimit != null ? cpuTimeLimit : fallback.cpuTimeLimit,
                allocationLimit > 0 ? allocationLimit : fallback.allocationLimit);
    }

    /**
     * Builds {@link RunOptions}; setters reject {@code null} and out-of-range values at once, naming the option
     * (an option that may be absent is absent while it is not set). Not thread-safe.
     */
    public static final class Builder {
        private @Nullable Duration timeout;
        private @Nullable Duration cpuTimeLimit;
        private long allocationLimit;

        private Builder(RunOptions start) {
            this.timeout = start.timeout;
            this.cpuTimeLimit = start.cpuTimeLimit;
            this.allocationLimit = start.allocationLimit;
        }

        /** Sets the wall-clock limit; must be positive. */
        public Builder timeout(Duration timeout) {
            this.timeout = Checks.positive(timeout, "timeout");
            return this;
        }

        /** Sets the CPU-time limit; must be positive. */
        public Builder cpuTimeLimit(Duration cpuTimeLimit) {
            this.cpuTimeLimit = Checks.positive(cpuTimeLimit, "cpuTimeLimit");
            return this;
        }

        /** Sets the allocation limit in bytes; must be positive. */
        public Builder allocationLimit(long bytes) {
            this.allocationLimit = Checks.positive(bytes, "allocationLimit");
            return this;
        }

        /** Creates the options. */
        public RunOptions build() {
            return new RunOptions(timeout, cpuTimeLimit, allocationLimit);
        }
    }
}
