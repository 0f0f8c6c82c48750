package io.github.jsvm.engine;

import io.github.jsvm.ResourceExhaustedException;
import io.github.jsvm.ScriptCacheStats;
import io.github.jsvm.ScriptTimeoutException;
import io.github.jsvm.VmStats;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * The activity counters of one {@code Vm} behind {@link VmStats}. Runs count in their context's
 * {@link RunTally} (plain fields: a context runs one piece of code at a time), which {@link #snapshot}
 * sums with the tallies of closed contexts; the rarer events count in striped adders.
 */
final class VmCounters {
    /* Tallies of the open contexts, and what the closed ones counted; both guarded by this. */
    private final Set<RunTally> open = new HashSet<>();
    private long closedRuns;
    private long closedRunNanos;
    private final LongAdder timeouts = new LongAdder();
    private final Map<ResourceExhaustedException.Resource, LongAdder> limitHits = new EnumMap<>(ResourceExhaustedException.Resource.class);
    private final LongAdder contextsCreated = new LongAdder();
    private final LongAdder importHookCalls = new LongAdder();

    private final boolean measuresRunTime;

    /** {@code measuresRunTime}: whether runs read the clock to sum their wall-clock time ({@code VmOptions.measureRunTime}). */
    VmCounters(boolean measuresRunTime) {
        this.measuresRunTime = measuresRunTime;
        for (ResourceExhaustedException.Resource resource : ResourceExhaustedException.Resource.values()) {
            limitHits.put(resource, new LongAdder());
        }
    }

    /** Whether each run's wall-clock time is summed (two clock reads per run, a third of a tiny run's cost). */
    boolean measuresRunTime() {
        return measuresRunTime;
    }

    /** The run counter of a new context; {@link RunTally#retire()} it once the context is closed and idle. */
    RunTally openTally() {
        RunTally tally = new RunTally(this);
        synchronized (this) {
            open.add(tally);
        }
        return tally;
    }

    /** A run that threw {@code failure} to its caller ended (counted in its context's tally already). */
    void runFailed(Throwable failure) {
        if (failure instanceof ScriptTimeoutException) {
            timeouts.increment();
        } else if (failure instanceof ResourceExhaustedException exhausted) {
            Objects.requireNonNull(limitHits.get(exhausted.resource()), "every resource has a counter").increment();
        }
    }

    void contextCreated() {
        contextsCreated.increment();
    }

    void importHookCalled() {
        importHookCalls.increment();
    }

    VmStats snapshot(long liveContexts, ScriptCacheStats scriptCache) {
        Map<ResourceExhaustedException.Resource, Long> hits = new EnumMap<>(ResourceExhaustedException.Resource.class);
        limitHits.forEach((resource, count) -> hits.put(resource, count.sum()));
        long runs;
        long runNanos;
        synchronized (this) {
            runs = closedRuns;
            runNanos = closedRunNanos;
            for (RunTally tally : open) {
                runs += tally.runs();
                runNanos += tally.runNanos();
            }
        }
        return new VmStats(runs, Duration.ofNanos(runNanos), timeouts.sum(), hits, contextsCreated.sum(),
                liveContexts, importHookCalls.sum(), scriptCache);
    }

    private synchronized void retire(RunTally tally) {
        if (open.remove(tally)) {
            closedRuns += tally.runs();
            closedRunNanos += tally.runNanos();
        }
    }

    /**
     * The runs of one context and their wall-clock time. Written only by the thread running code in
     * the context (one at a time, handed over through the context's running-thread field), with
     * release stores so that {@link VmCounters#snapshot} reads whole values; a run pays no atomic
     * instruction for it. Retired into the Vm's sums once the context is closed and no run is left
     * to count (whichever of the closing and the last run sees that, the first one retires it).
     */
    static final class RunTally {
        private static final VarHandle RUNS;
        private static final VarHandle RUN_NANOS;

        static {
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                RUNS = lookup.findVarHandle(RunTally.class, "runs", long.class);
                RUN_NANOS = lookup.findVarHandle(RunTally.class, "runNanos", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final VmCounters owner;
        @SuppressWarnings("unused") // through RUNS
        private long runs;
        @SuppressWarnings("unused") // through RUN_NANOS
        private long runNanos;

        private RunTally(VmCounters owner) {
            this.owner = owner;
        }

        /** A run of this context ended after {@code nanos}; called by the thread of the run, before it gives the context up. */
        void runEnded(long nanos) {
            RUNS.setRelease(this, (long) RUNS.get(this) + 1);
            RUN_NANOS.setRelease(this, (long) RUN_NANOS.get(this) + nanos);
        }

        long runs() {
            return (long) RUNS.getAcquire(this);
        }

        long runNanos() {
            return (long) RUN_NANOS.getAcquire(this);
        }

        /** Adds this context's counts to the Vm's closed-context sums and stops reading it; idempotent. */
        void retire() {
            owner.retire(this);
        }
    }
}
