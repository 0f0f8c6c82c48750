package io.github.jsvm.engine;

/**
 * Negative control: options held only weakly, with nothing in the compiled code keeping them alive.
 * A function that outlives its script then loses its hook. The lifetime test must fail with it.
 */
final class TooWeakHostDefinedOptionsRegistry extends WeakHostDefinedOptionsRegistry {

    @Override
    public Object anchor(HostDefinedOptions options) {
        return null;
    }
}
