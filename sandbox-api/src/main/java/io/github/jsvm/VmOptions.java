package io.github.jsvm;

/**
 * How a {@link Vm} is created. Immutable.
 *
 * @param scriptCache the compile cache
 */
public record VmOptions(ScriptCacheOptions scriptCache) {

    private static final VmOptions DEFAULTS = new VmOptions(ScriptCacheOptions.defaults());

    /** Validates the components. */
    public VmOptions {
        Checks.notNull(scriptCache, "scriptCache");
    }

    /** The default compile cache. */
    public static VmOptions defaults() {
        return DEFAULTS;
    }
}
