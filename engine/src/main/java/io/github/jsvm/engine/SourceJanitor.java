package io.github.jsvm.engine;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes Truffle forget dead sources soon after a collection.
 *
 * <p>Truffle's table of interned sources and the engine's parse cache drop the entry of a dead
 * source only when the next source is built or parsed; until then the entry keeps the parsed code
 * and its text (and, for hook-bearing code, the {@link HostDefinedOptions}, the hook and the
 * referrer). A busy application builds sources all the time; a quiet one would keep them
 * indefinitely, and a collection can only free that memory after such a purge, so under memory
 * pressure full collections free less than they could (found by the soak: tens of thousands of
 * parsed modules of closed contexts waiting for a purge). The janitor therefore watches the JVM's
 * collection count and, for a few ticks after any collection, builds and parses a tiny source,
 * which purges both tables. It costs one cache lookup per tick while collections happen.
 */
final class SourceJanitor implements Runnable {
    /* References are enqueued after the collection, by another thread: purge on a few ticks. */
    private static final int TICKS_AFTER_A_COLLECTION = 3;
    private static final Logger LOG = LoggerFactory.getLogger(SourceJanitor.class);
    private static final List<GarbageCollectorMXBean> COLLECTORS = ManagementFactory.getGarbageCollectorMXBeans();

    private final AtomicInteger pendingTicks = new AtomicInteger();
    private final ScriptCompiler compiler;
    private long collectionsSeen = -1;

    SourceJanitor(ScriptCompiler compiler) {
        this.compiler = compiler;
    }

    @Override
    public void run() {
        long collections = 0;
        for (GarbageCollectorMXBean collector : COLLECTORS) {
            collections += Math.max(0, collector.getCollectionCount());
        }
        if (collections != collectionsSeen) {
            collectionsSeen = collections;
            pendingTicks.set(TICKS_AFTER_A_COLLECTION);
        }
        if (pendingTicks.getAndUpdate(ticks -> Math.max(0, ticks - 1)) > 0) {
            try {
                compiler.purgeDeadSources();
            } catch (RuntimeException | OutOfMemoryError failed) {
                // Housekeeping only (the next tick tries again); under memory pressure it may fail.
                LOG.debug("Purging dead sources failed", failed);
            }
        }
    }
}
