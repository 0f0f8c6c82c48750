package io.github.jsvm.engine;

import io.github.jsvm.ContextBudget;
import io.github.jsvm.LimitWarning;
import io.github.jsvm.ResourceExhaustedException;
import io.github.jsvm.ResourceExhaustedException.Resource;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the runs of one context have spent of its {@link ContextBudget}: created only for a context
 * with a budget. Each run is planned against it ({@link RunBudget#plan}) and adds what it used when
 * it ends; its warnings are given from here, once per resource.
 *
 * <p>The totals change only at the end of a run (on the run's thread) and are read at the start of
 * the next and by {@link #remaining()} from any thread, so they are guarded by this object; the
 * warned flags are set by whichever thread sees a mark first (the watchdog or the run's thread).
 */
final class BudgetLedger {
    private static final Logger LOG = LoggerFactory.getLogger(BudgetLedger.class);

    private final ContextBudget budget;
    private final String description;
    private final Watchdog watchdog;
    /* The budget per resource, indexed by Resource.ordinal(); 0 for none. */
    private final long[] limits = new long[Resource.values().length];
    private final long[] spent = new long[Resource.values().length];
    /* Bit per resource ordinal: its context warning was given. */
    private final AtomicInteger warned = new AtomicInteger();

    BudgetLedger(ContextBudget budget, String description, Watchdog watchdog) {
        this.budget = budget;
        this.description = description;
        this.watchdog = watchdog;
        Duration cpu = budget.cpuTime();
        limits[Resource.CPU_TIME.ordinal()] = cpu == null ? 0 : cpu.toNanos();
        limits[Resource.ALLOCATED_BYTES.ordinal()] = budget.allocatedBytes();
        limits[Resource.STATEMENTS.ordinal()] = budget.statements();
    }

    /** A ledger for {@code budget}, or {@code null} when it limits nothing (then runs pay nothing for it). */
    static @Nullable BudgetLedger of(ContextBudget budget, String description, Watchdog watchdog) {
        return budget.isLimited() ? new BudgetLedger(budget, description, watchdog) : null;
    }

    String description() {
        return description;
    }

    /** The budget of {@code resource}, 0 for none. */
    long limit(Resource resource) {
        return limits[resource.ordinal()];
    }

    /** What the context's runs have spent of each resource so far, indexed by ordinal. */
    synchronized long[] spent() {
        return spent.clone();
    }

    /** Adds what one run used (indexed by ordinal), then gives the context warnings the new totals reach. */
    void add(long[] used) {
        long[] totals;
        synchronized (this) {
            for (int i = 0; i < spent.length; i++) {
                if (limits[i] > 0) {
                    spent[i] = saturatedAdd(spent[i], used[i]);
                }
            }
            totals = spent.clone();
        }
        for (Resource resource : Resource.values()) {
            long mark = warningMark(resource);
            if (mark > 0 && totals[resource.ordinal()] >= mark) {
                warn(resource, totals[resource.ordinal()]);
            }
        }
    }

    /** The count of {@code resource} at which the context is warned, or 0 for no warning (or none left to give). */
    long warningMark(Resource resource) {
        LimitWarning warning = budget.warning();
        long limit = limits[resource.ordinal()];
        if (warning == null || limit == 0 || (warned.get() & bit(resource)) != 0) {
            return 0;
        }
        return Math.max(1, (long) (warning.fraction() * limit));
    }

    /** Gives the context's warning for {@code resource}, {@code total} spent, unless it was given already. */
    void warn(Resource resource, long total) {
        LimitWarning warning = budget.warning();
        if (warning == null) {
            return;
        }
        int before = warned.getAndUpdate(bits -> bits | bit(resource));
        if ((before & bit(resource)) == 0) {
            tell(watchdog, warning,
                    new LimitWarning.Event(LimitWarning.Scope.CONTEXT, resource, limits[resource.ordinal()], total, description));
        }
    }

    /** Tells {@code warning}'s listener of {@code event} on a warning thread; its failure is logged. */
    static void tell(Watchdog watchdog, LimitWarning warning, LimitWarning.Event event) {
        watchdog.warn(() -> {
            try {
                warning.listener().approaching(event);
            } catch (RuntimeException | Error failure) {
                LOG.warn("The limit-warning listener of {} failed", event.context(), failure);
            }
        });
    }

    /** The first resource whose budget is spent, or {@code null}. */
    synchronized @Nullable Resource spentResource() {
        for (Resource resource : Resource.values()) {
            int i = resource.ordinal();
            if (limits[i] > 0 && spent[i] >= limits[i]) {
                return resource;
            }
        }
        return null;
    }

    /** What remains, for {@code VmContext.budgetRemaining()}. */
    synchronized ContextBudget.Remaining remaining() {
        Duration cpu = budget.cpuTime();
        return new ContextBudget.Remaining(
                cpu == null ? null : Duration.ofNanos(left(Resource.CPU_TIME)),
                budget.allocatedBytes() == 0 ? -1 : left(Resource.ALLOCATED_BYTES),
                budget.statements() == 0 ? -1 : left(Resource.STATEMENTS));
    }

    private long left(Resource resource) {
        return Math.max(0, limits[resource.ordinal()] - spent[resource.ordinal()]);
    }

    /** The budget of {@code resource} in words, for messages: "CPU-time budget of 100 ms". */
    String what(Resource resource) {
        long limit = limits[resource.ordinal()];
        return switch (resource) {
            case CPU_TIME -> "CPU-time budget of " + Duration.ofNanos(limit).toMillis() + " ms";
            case ALLOCATED_BYTES -> "allocation budget of " + limit + " bytes";
            case STATEMENTS -> "statement budget of " + limit;
            case HOST_HEAP -> throw new IllegalArgumentException("the host heap is no budget");
        };
    }

    /** What a run exceeded when it spent the rest of the budget of {@code resource}, as {@code RunGuard} words it after "exceeded its". */
    String exceeded(Resource resource) {
        return "context's " + what(resource) + " (ContextBudget, spent across its runs)";
    }

    /** The exception for a run that spent ({@code duringRun}) or found spent the budget of {@code resource}. */
    ResourceExhaustedException exhausted(Resource resource, boolean duringRun) {
        String message = duringRun
                ? "Run in " + description + " exceeded its " + exceeded(resource)
                : description + " has spent its " + what(resource) + " (ContextBudget, across its runs): it runs no more code";
        return new ResourceExhaustedException(message, resource, limits[resource.ordinal()], true);
    }

    private static int bit(Resource resource) {
        return 1 << resource.ordinal();
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
