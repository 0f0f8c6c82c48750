package io.github.jsvm.engine;

import io.github.jsvm.ImportModuleDynamically;

/**
 * Negative control: options held only weakly, with nothing in the compiled code keeping them alive.
 * A function that outlives its script then loses its hook. The lifetime test must fail with it.
 */
final class TooWeakHostDefinedOptionsRegistry implements HostDefinedOptionsRegistry {
    private final WeakHostDefinedOptionsRegistry lookup = new WeakHostDefinedOptionsRegistry();

    @Override
    public HostDefinedOptions register(ImportModuleDynamically hook) {
        return lookup.register(hook);
    }

    @Override
    public HostDefinedOptions find(String id) {
        return lookup.find(id);
    }

    @Override
    public int size() {
        return lookup.size();
    }

    @Override
    public Object anchor(HostDefinedOptions options) {
        return null;
    }
}
