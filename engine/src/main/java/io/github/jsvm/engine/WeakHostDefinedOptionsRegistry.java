package io.github.jsvm.engine;

import io.github.jsvm.ImportModuleDynamically;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The registry every {@code Vm} uses: finds the {@link HostDefinedOptions} of running code by the
 * id in its source URI.
 *
 * <p>Holds only weak references: the options are kept alive by the compiled code's
 * {@link ScriptText} (see there), never by this table, so the table cannot keep a script, its hook or
 * its referrer alive. Entries of collected options are purged as new ones are added. Lookups and
 * registrations are O(1) and thread-safe. Not final only so that the collectability suite can derive
 * its deliberately wrong registries from it.
 */
class WeakHostDefinedOptionsRegistry implements HostDefinedOptionsRegistry {
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final ReferenceQueue<HostDefinedOptions> collected = new ReferenceQueue<>();
    private final AtomicLong ids = new AtomicLong();

    @Override
    public HostDefinedOptions register(ImportModuleDynamically hook) {
        purge();
        String id = "h" + ids.incrementAndGet();
        HostDefinedOptions options = new HostDefinedOptions(id, hook);
        entries.put(id, new Entry(id, options, collected));
        return options;
    }

    @Override
    public @Nullable HostDefinedOptions find(String id) {
        Entry entry = entries.get(id);
        return entry == null ? null : entry.get();
    }

    @Override
    public int size() {
        purge();
        return entries.size();
    }

    private void purge() {
        for (Reference<? extends HostDefinedOptions> dead; (dead = collected.poll()) != null; ) {
            entries.remove(((Entry) dead).id, dead);
        }
    }

    private static final class Entry extends WeakReference<HostDefinedOptions> {
        private final String id;

        Entry(String id, HostDefinedOptions options, ReferenceQueue<HostDefinedOptions> queue) {
            super(options, queue);
            this.id = id;
        }
    }
}
