package io.github.jsvm.engine;

/**
 * Negative control for the test-runner scenario, the leak Jest users know: code shared across hooks
 * keeps the hook of the compilation that first shared it (and everything that hook captures) alive
 * for as long as later test files use the code. The scenario must fail with it.
 */
final class FirstHookKeepingRegistry extends WeakHostDefinedOptionsRegistry {

    @Override
    public Object sharedAnchor(HostDefinedOptions options) {
        return options;
    }
}
