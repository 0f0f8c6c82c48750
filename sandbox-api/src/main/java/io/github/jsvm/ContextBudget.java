package io.github.jsvm;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What a context may use across all its runs, together: a cumulative budget, set with
 * {@link ContextOptions.Builder#budget}. Immutable; made with {@link #builder()} or
 * {@link #toBuilder()}.
 *
 * <p>Every run in the context spends from it: scripts, function calls, module evaluation, reading
 * and writing globals. Each run runs under the smaller of its own limit and what remains of the
 * budget, so the run that spends the rest is stopped as it would be by its own limit, with
 * {@link ResourceExhaustedException} naming the resource, its {@link ResourceExhaustedException#limit()}
 * the whole budget, {@link ResourceExhaustedException#isContextBudget()} {@code true}, and a message
 * saying it was the context's budget. Once a budget is spent, every later run of the context fails
 * at once with the same exception, without running anything; the context is otherwise unchanged
 * (its globals can no longer be read, since reading them is a run, but it can be closed, and its
 * {@link VmContext#budgetRemaining()} read). A budget is never refilled: create a new context.
 *
 * <p>Precision: what a run spends is measured when it ends, exactly (CPU time and bytes allocated by
 * the running thread, as a {@link RunUsage} reports them; statements counted as for
 * {@link RunOptions#statementLimit()}). The statement budget is exact across runs: the run that
 * would execute one statement more than the budget is stopped before that statement. CPU time and
 * allocation are sampled during a run as for the run's own limits, so the run that spends the rest
 * can overshoot by what it uses in a few milliseconds; a run that ends before a sample catches it
 * keeps its result, and the next run fails at once. Work a run hands to other threads is not counted.
 *
 * @param cpuTime CPU time the context's runs may use together, or {@code null} for no budget
 * @param allocatedBytes bytes the context's runs may allocate together, or {@code 0} for no budget
 * @param statements JavaScript statements the context's runs may execute together, or {@code 0} for
 *     no budget
 * @param warning told once per resource when the context has used the given fraction of its
 *     budget, or {@code null} for no warning
 */
public record ContextBudget(@Nullable Duration cpuTime, long allocatedBytes, long statements, @Nullable LimitWarning warning) {

    private static final ContextBudget NONE = new ContextBudget(null, 0, 0, null);

    /**
     * Validates the components; {@code null} and {@code 0} mean no budget.
     *
     * @throws InvalidArgumentException when {@code cpuTime} is not positive or longer than about 292 years, or {@code allocatedBytes}
     *     or {@code statements} is negative
     */
    public ContextBudget {
        Checks.positiveOrNull(cpuTime, "cpuTime");
        Checks.notNegative(allocatedBytes, "allocatedBytes");
        Checks.notNegative(statements, "statements");
    }

    /** No budget: runs are limited only by their own {@link RunOptions}. */
    public static ContextBudget none() {
        return NONE;
    }

    /** A builder starting from {@link #none()}. */
    public static Builder builder() {
        return NONE.toBuilder();
    }

    /** A builder starting from this budget. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Whether any budget is set. */
    public boolean isLimited() {
        return cpuTime != null || allocatedBytes > 0 || statements > 0;
    }

    /**
     * What remains of a context's budget, read with {@link VmContext#budgetRemaining()}: a snapshot
     * as of the end of the context's last run (a run in progress is not included).
     *
     * @param cpuTime CPU time left, {@link Duration#ZERO} once spent; {@code null} when the context
     *     has no CPU-time budget
     * @param allocatedBytes bytes left, {@code 0} once spent; {@code -1} when the context has no
     *     allocation budget
     * @param statements statements left, {@code 0} once spent; {@code -1} when the context has no
     *     statement budget
     */
    public record Remaining(@Nullable Duration cpuTime, long allocatedBytes, long statements) {

        /** What remains of no budget: nothing is limited. */
        public static final Remaining UNLIMITED = new Remaining(null, -1, -1);

        /** Whether some budget is spent, so that every further run of the context fails at once. */
        public boolean isSpent() {
            return (cpuTime != null && cpuTime.isZero()) || allocatedBytes == 0 || statements == 0;
        }
    }

    /**
     * Builds {@link ContextBudget}; setters reject {@code null} and out-of-range values at once,
     * naming the option. Not thread-safe.
     */
    public static final class Builder {
        private @Nullable Duration cpuTime;
        private long allocatedBytes;
        private long statements;
        private @Nullable LimitWarning warning;

        private Builder(ContextBudget start) {
            this.cpuTime = start.cpuTime;
            this.allocatedBytes = start.allocatedBytes;
            this.statements = start.statements;
            this.warning = start.warning;
        }

        /**
         * Sets the CPU time the context's runs may use together; must be positive.
         *
         * @throws NullPointerException when {@code cpuTime} is {@code null}
         * @throws InvalidArgumentException when {@code cpuTime} is not positive or longer than about 292 years
         */
        public Builder cpuTime(Duration cpuTime) {
            this.cpuTime = Checks.positive(cpuTime, "cpuTime");
            return this;
        }

        /**
         * Sets the bytes the context's runs may allocate together; must be positive.
         *
         * @throws InvalidArgumentException when {@code bytes} is not positive
         */
        public Builder allocatedBytes(long bytes) {
            this.allocatedBytes = Checks.positive(bytes, "allocatedBytes");
            return this;
        }

        /**
         * Sets the statements the context's runs may execute together; must be positive.
         *
         * @throws InvalidArgumentException when {@code statements} is not positive
         */
        public Builder statements(long statements) {
            this.statements = Checks.positive(statements, "statements");
            return this;
        }

        /**
         * Sets the early warning at a fraction of each budget.
         *
         * @throws NullPointerException when {@code warning} is {@code null}
         */
        public Builder warning(LimitWarning warning) {
            this.warning = Checks.notNull(warning, "warning");
            return this;
        }

        /** Creates the budget. */
        public ContextBudget build() {
            return new ContextBudget(cpuTime, allocatedBytes, statements, warning);
        }
    }
}
