package io.github.jsvm.engine;

import io.github.jsvm.ResourceExhaustedException;
import io.github.jsvm.ScriptCacheStats;
import io.github.jsvm.ScriptTimeoutException;
import io.github.jsvm.VmStats;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * The activity counters of one {@code Vm} behind {@link VmStats}. Striped adders: runs on many
 * threads count without contending, and a run pays two additions and a clock read.
 */
final class VmCounters {
    private final LongAdder runs = new LongAdder();
    private final LongAdder runNanos = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final Map<ResourceExhaustedException.Resource, LongAdder> limitHits = new EnumMap<>(ResourceExhaustedException.Resource.class);
    private final LongAdder contextsCreated = new LongAdder();
    private final LongAdder importHookCalls = new LongAdder();

    VmCounters() {
        for (ResourceExhaustedException.Resource resource : ResourceExhaustedException.Resource.values()) {
            limitHits.put(resource, new LongAdder());
        }
    }

    /** A run ended after {@code nanos}; {@code failure} is what it threw to the caller, or {@code null}. */
    void runEnded(long nanos, @Nullable Throwable failure) {
        runs.increment();
        runNanos.add(nanos);
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
        return new VmStats(runs.sum(), Duration.ofNanos(runNanos.sum()), timeouts.sum(), hits, contextsCreated.sum(),
                liveContexts, importHookCalls.sum(), scriptCache);
    }
}
