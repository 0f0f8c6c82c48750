package io.github.jsvm;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of what a {@link Vm} has done since it was created: runs and what stopped them,
 * contexts, import-hook calls and the compile cache. Taking one costs a few counter reads (no run,
 * no lock), so monitoring may poll it; the counters are updated as runs end, so a snapshot taken
 * during a run does not include it yet.
 *
 * @param runs runs that ended, successfully or not: each {@code runInContext}, function call, module
 *     evaluation, global read or write is one (a hook or host function running inside a run is part of it)
 * @param runTime the wall-clock time of those runs, summed, when the {@code Vm} measures it
 *     ({@link VmOptions#measureRunTime()}); otherwise zero
 * @param timeouts runs stopped by their timeout ({@link ScriptTimeoutException}), and runs of the main
 *     context whose timeout ran out while they waited for their turn (these never started, so
 *     {@code runs} does not count them)
 * @param resourceLimitHits runs stopped because they exceeded a resource
 *     ({@link ResourceExhaustedException}), by resource, including runs refused at their start
 *     because their context's {@link ContextBudget} was spent; every resource is present
 * @param contextsCreated contexts created, the {@code Vm}'s main context included once it exists
 * @param liveContexts contexts open now
 * @param importHookCalls calls of application import hooks ({@link ImportModuleDynamically}), not
 *     counting the constants {@code NONE} and {@code DEFAULT_LOADER}
 * @param scriptCache the compile cache's counters
 */
public record VmStats(long runs, Duration runTime, long timeouts, Map<ResourceExhaustedException.Resource, Long> resourceLimitHits,
        long contextsCreated, long liveContexts, long importHookCalls, ScriptCacheStats scriptCache) {

    /** Validates the components and copies the map, filling resources it lacks with zero. */
    public VmStats {
        Objects.requireNonNull(runTime, "runTime must not be null");
        Objects.requireNonNull(resourceLimitHits, "resourceLimitHits must not be null");
        Objects.requireNonNull(scriptCache, "scriptCache must not be null");
        EnumMap<ResourceExhaustedException.Resource, Long> complete = new EnumMap<>(ResourceExhaustedException.Resource.class);
        for (ResourceExhaustedException.Resource resource : ResourceExhaustedException.Resource.values()) {
            complete.put(resource, 0L);
        }
        complete.putAll(resourceLimitHits);
        resourceLimitHits = Map.copyOf(complete);
    }

    /** Runs stopped because they exceeded {@code resource}. */
    public long resourceLimitHits(ResourceExhaustedException.Resource resource) {
        return resourceLimitHits.getOrDefault(Objects.requireNonNull(resource, "resource must not be null"), 0L);
    }
}
