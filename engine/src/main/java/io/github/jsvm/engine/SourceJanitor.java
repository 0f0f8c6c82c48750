package io.github.jsvm.engine;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.graalvm.polyglot.Source;

/**
 * Makes Truffle forget hook-bearing sources soon after they die.
 *
 * <p>Truffle's table of interned sources and the engine's parse cache both drop the entry of a
 * dead source only when the next source is built or parsed. Until then the entry still references
 * the source text, and with it the {@link HostDefinedOptions}, the hook and the referrer. A busy
 * application builds sources all the time; a quiet one would keep dead scripts indefinitely. So
 * the janitor watches the sources of hook-bearing code and, a few times after one died, builds and
 * parses a tiny source, which purges both tables. Costs nothing while no such source dies.
 */
final class SourceJanitor implements Runnable {
    /* Truffle enqueues its own references in the same collection or a later one: purge on a few ticks. */
    private static final int TICKS_AFTER_A_DEATH = 3;

    private final ReferenceQueue<Source> dead = new ReferenceQueue<>();
    private final Set<Reference<Source>> tracked = ConcurrentHashMap.newKeySet();
    private final AtomicInteger pendingTicks = new AtomicInteger();
    private final ScriptCompiler compiler;

    SourceJanitor(ScriptCompiler compiler) {
        this.compiler = compiler;
    }

    /** Watches {@code source}, a source whose text references host-defined options. */
    Source track(Source source) {
        tracked.add(new WeakReference<>(source, dead));
        return source;
    }

    @Override
    public void run() {
        boolean died = false;
        for (Reference<? extends Source> gone; (gone = dead.poll()) != null; ) {
            tracked.remove(gone);
            died = true;
        }
        if (died) {
            pendingTicks.set(TICKS_AFTER_A_DEATH);
        }
        if (pendingTicks.getAndUpdate(ticks -> Math.max(0, ticks - 1)) > 0) {
            compiler.purgeDeadSources();
        }
    }
}
