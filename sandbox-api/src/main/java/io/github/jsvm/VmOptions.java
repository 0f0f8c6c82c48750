package io.github.jsvm;

import org.jspecify.annotations.Nullable;

/**
 * How a {@link Vm} is created. Immutable; made with {@link #builder()} or {@link #toBuilder()}, so
 * that options added later need no change to callers.
 *
 * @param scriptCache the compile cache
 * @param inspector the debugger to open the {@code Vm} to, or {@code null} for none (the default)
 */
public record VmOptions(ScriptCacheOptions scriptCache, @Nullable InspectorOptions inspector) {

    private static final VmOptions DEFAULTS = new VmOptions(ScriptCacheOptions.defaults(), null);

    /**
     * Validates the components.
     *
     * @throws NullPointerException when {@code scriptCache} is {@code null}
     */
    public VmOptions {
        Checks.notNull(scriptCache, "scriptCache");
    }

    /** The default compile cache, no debugger. */
    public static VmOptions defaults() {
        return DEFAULTS;
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return DEFAULTS.toBuilder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Builds {@link VmOptions}; setters reject {@code null} and out-of-range values at once, naming the option
     * (an option that may be absent is absent while it is not set). Not thread-safe.
     */
    public static final class Builder {
        private ScriptCacheOptions scriptCache;
        private @Nullable InspectorOptions inspector;

        private Builder(VmOptions start) {
            this.scriptCache = start.scriptCache;
            this.inspector = start.inspector;
        }

        /**
         * Sets the compile cache; {@link ScriptCacheOptions#defaults()} by default.
         *
         * @throws NullPointerException when {@code scriptCache} is {@code null}
         */
        public Builder scriptCache(ScriptCacheOptions scriptCache) {
            this.scriptCache = Checks.notNull(scriptCache, "scriptCache");
            return this;
        }

        /**
         * Opens the {@code Vm} to a debugger (Chrome DevTools); off by default.
         *
         * @throws NullPointerException when {@code inspector} is {@code null}
         */
        public Builder inspector(InspectorOptions inspector) {
            this.inspector = Checks.notNull(inspector, "inspector");
            return this;
        }

        /** Creates the options. */
        public VmOptions build() {
            return new VmOptions(scriptCache, inspector);
        }
    }
}
