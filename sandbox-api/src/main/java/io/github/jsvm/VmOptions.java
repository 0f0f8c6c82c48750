package io.github.jsvm;

/**
 * How a {@link Vm} is created. Immutable; made with {@link #builder()} or {@link #toBuilder()}, so
 * that options added later need no change to callers.
 *
 * @param scriptCache the compile cache
 */
public record VmOptions(ScriptCacheOptions scriptCache) {

    private static final VmOptions DEFAULTS = new VmOptions(ScriptCacheOptions.defaults());

    /**
     * Validates the components.
     *
     * @throws NullPointerException when {@code scriptCache} is {@code null}
     */
    public VmOptions {
        Checks.notNull(scriptCache, "scriptCache");
    }

    /** The default compile cache. */
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

        private Builder(VmOptions start) {
            this.scriptCache = start.scriptCache;
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

        /** Creates the options. */
        public VmOptions build() {
            return new VmOptions(scriptCache);
        }
    }
}
