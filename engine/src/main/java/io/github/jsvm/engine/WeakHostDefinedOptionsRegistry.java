package io.github.jsvm.engine;

import io.github.jsvm.ImportModuleDynamically;
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
    private final WeakValueMap<String, HostDefinedOptions> entries = new WeakValueMap<>();
    private final AtomicLong ids = new AtomicLong();

    @Override
    public HostDefinedOptions register(ImportModuleDynamically hook) {
        String id = "h" + ids.incrementAndGet();
        HostDefinedOptions options = new HostDefinedOptions(id, hook);
        entries.put(id, options);
        return options;
    }

    @Override
    public @Nullable HostDefinedOptions find(String id) {
        return entries.get(id);
    }

    @Override
    public int size() {
        return entries.size();
    }
}
