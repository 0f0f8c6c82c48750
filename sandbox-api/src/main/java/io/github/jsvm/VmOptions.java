package io.github.jsvm;

/**
 * How a {@link Vm} is created. Immutable.
 *
 * @param scriptCache the compile cache
 * @param inspector the debugger to open the Vm to, or {@code null} for none (the default)
 */
public record VmOptions(ScriptCacheOptions scriptCache, InspectorOptions inspector) {

    private static final VmOptions DEFAULTS = new VmOptions(ScriptCacheOptions.defaults());

    /** Validates the components. */
    public VmOptions {
        Checks.notNull(scriptCache, "scriptCache");
    }

    /** Options with the given compile cache and no debugger. */
    public VmOptions(ScriptCacheOptions scriptCache) {
        this(scriptCache, null);
    }

    /** The default compile cache, no debugger. */
    public static VmOptions defaults() {
        return DEFAULTS;
    }

    /** These options with {@code inspector} as the debugger ({@code null} for none). */
    public VmOptions withInspector(InspectorOptions inspector) {
        return new VmOptions(scriptCache, inspector);
    }
}
