package io.github.jsvm;

import io.github.jsvm.ResourceExhaustedException.Resource;

/**
 * An early warning: a {@link Listener} told once when a run, or a context across its runs, has used
 * {@code fraction} of a limit, before the limit stops it. Set per run with
 * {@link RunOptions.Builder#warning} (fractions of the run's {@code cpuTimeLimit},
 * {@code allocationLimit} and {@code statementLimit}) and per context with
 * {@link ContextBudget.Builder#warning} (fractions of the context's budget).
 *
 * <h2>When and where the listener is called</h2>
 * Never on the thread running the guest code and never inside it: on a daemon thread of the
 * {@code Vm} ({@code <vm name>-warning-<n>}), which the run does not wait for, so a listener cannot
 * stop, slow down or throw into the run. Each warning gets a thread of its own: a listener that
 * blocks holds only that thread, and neither limits nor other warnings wait for it. Keep it short
 * all the same. An exception it throws is logged (SLF4J, WARN) and changes nothing.
 *
 * <p>Each resource warns at most once per run (scope {@link Scope#RUN}) and at most once per
 * context budget (scope {@link Scope#CONTEXT}). Precision: CPU time and allocation are sampled by the
 * watchdog, at most {@value RunOptions#SAMPLING_MILLIS} ms apart and more often near a limit or a
 * warning mark, so a warning comes a few milliseconds after the mark is crossed and its
 * {@link Event#used()} is what the sample saw; a run that ends before its first sample (about 1 ms)
 * gets no {@code RUN} warning for them. Statements are counted exactly: a statement warning is handed
 * over as the run reaches the mark. A context's warning is also given when a run ends past the mark
 * without a sample having seen it. The wall-clock {@code timeout} has no warning: it is known in
 * advance.
 *
 * @param fraction the share of each limit at which to warn, strictly between 0 and 1
 * @param listener told of each crossing
 */
public record LimitWarning(double fraction, Listener listener) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException when {@code listener} is {@code null}
     * @throws InvalidArgumentException when {@code fraction} is not strictly between 0 and 1
     */
    public LimitWarning {
        Checks.notNull(listener, "listener");
        if (!(fraction > 0 && fraction < 1)) {
            throw new InvalidArgumentException("fraction must be strictly between 0 and 1, was " + fraction);
        }
    }

    /**
     * A warning at {@code fraction} of each limit, told to {@code listener}.
     *
     * @throws NullPointerException when {@code listener} is {@code null}
     * @throws InvalidArgumentException when {@code fraction} is not strictly between 0 and 1
     */
    public static LimitWarning at(double fraction, Listener listener) {
        return new LimitWarning(fraction, listener);
    }

    /** Whose limit a warning is about. */
    public enum Scope {
        /** A limit of one run ({@link RunOptions}). */
        RUN,
        /** A context's budget across its runs ({@link ContextBudget}). */
        CONTEXT
    }

    /**
     * One crossing of a warning mark.
     *
     * @param scope whether {@code limit} is the run's or the context's budget
     * @param resource the resource: {@link Resource#CPU_TIME}, {@link Resource#ALLOCATED_BYTES} or
     *     {@link Resource#STATEMENTS}
     * @param limit the limit or budget, in the resource's unit (nanoseconds, bytes, statements)
     * @param used what was used when the crossing was seen, in the same unit: by the run for
     *     {@code RUN}, by all runs of the context so far for {@code CONTEXT}
     * @param context a description of the context, for logs (its name if it has one, and the {@code Vm}'s)
     */
    public record Event(Scope scope, Resource resource, long limit, long used, String context) {

        /**
         * Validates the components.
         *
         * @throws NullPointerException when {@code scope}, {@code resource} or {@code context} is {@code null}
         */
        public Event {
            Checks.notNull(scope, "scope");
            Checks.notNull(resource, "resource");
            Checks.notNull(context, "context");
        }
    }

    /** Told when a run or a context crosses a warning mark; see {@link LimitWarning} for the thread it runs on. */
    @FunctionalInterface
    public interface Listener {

        /** Receives one crossing. */
        void approaching(Event event);
    }
}
