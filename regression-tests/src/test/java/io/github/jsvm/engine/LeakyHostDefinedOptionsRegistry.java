package io.github.jsvm.engine;

import io.github.jsvm.ImportModuleDynamically;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Negative control: the classic mistake, a {@link WeakHashMap} keyed by the hook whose value (the
 * options) references the key and, once bound, the referrer. Keys are never cleared, so every
 * script, function, module and context with a hook leaks. The collectability suite must fail with it.
 */
final class LeakyHostDefinedOptionsRegistry extends WeakHostDefinedOptionsRegistry {
    private final Map<ImportModuleDynamically, HostDefinedOptions> byHook = new WeakHashMap<>();

    @Override
    public synchronized HostDefinedOptions register(ImportModuleDynamically hook) {
        HostDefinedOptions options = super.register(hook);
        byHook.put(hook, options);
        return options;
    }
}
