package io.github.jsvm;

import org.jspecify.annotations.Nullable;

/**
 * How a {@link Vm} is created. Immutable; made with {@link #builder()} or {@link #toBuilder()}, so
 * that options added later need no change to callers.
 *
 * @param scriptCache the compile cache
 * @param inspector the debugger to open the {@code Vm} to, or {@code null} for none (the default)
 * @param lazyFunctionTranslation whether the engine builds a function's executable form on the
 *     function's first call instead of when its source is compiled (the default, {@code true}):
 *     compiling is then mostly parsing (a 10 KB source of small functions compiles 1.4-2x faster)
 *     and a function that never runs is never translated. Parsing still covers the whole source, so
 *     syntax errors are reported at compile time either way; the first call of each function pays
 *     the deferred work, once per {@code Vm} (parsed code is shared by all its contexts). A source
 *     whose functions never all run also keeps its parser tree (about 20% more retained heap per
 *     cached script). {@code false} does all the work at compile time
 * @param warmUp whether {@link Vm#create(VmOptions)} starts warming the engine on a background thread
 *     (off by default; see {@link Builder#warmUp(boolean)})
 * @param measureRunTime whether each run's wall-clock time is measured and summed into
 *     {@link VmStats#runTime()} (off by default; see {@link Builder#measureRunTime(boolean)})
 */
public record VmOptions(ScriptCacheOptions scriptCache, @Nullable InspectorOptions inspector, boolean lazyFunctionTranslation,
        boolean warmUp, boolean measureRunTime) {

    private static final VmOptions DEFAULTS = new VmOptions(ScriptCacheOptions.defaults(), null, true, false, false);

    /**
     * Validates the components.
     *
     * @throws NullPointerException when {@code scriptCache} is {@code null}
     */
    public VmOptions {
        Checks.notNull(scriptCache, "scriptCache");
    }

    /** The default compile cache, no debugger, functions translated lazily. */
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
        private boolean lazyFunctionTranslation;
        private boolean warmUp;
        private boolean measureRunTime;

        private Builder(VmOptions start) {
            this.scriptCache = start.scriptCache;
            this.inspector = start.inspector;
            this.lazyFunctionTranslation = start.lazyFunctionTranslation;
            this.warmUp = start.warmUp;
            this.measureRunTime = start.measureRunTime;
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

        /** Sets whether function bodies are translated on their first call; {@code true} by default. */
        public Builder lazyFunctionTranslation(boolean lazyFunctionTranslation) {
            this.lazyFunctionTranslation = lazyFunctionTranslation;
            return this;
        }

        /**
         * Warms the engine up in the background: {@link Vm#create(VmOptions)} returns at once, and a daemon
         * thread creates, runs a tiny script in and closes a few hundred throwaway contexts and compiles a few
         * dozen small sources, so that the JVM's JIT compiles GraalJS's context set-up and parser before the
         * application needs them. It does not touch the compile cache or {@link Vm#stats()}, stops when the
         * {@code Vm} closes, and costs about one core-second of CPU (benchmarks/RESULTS.md, "Warm-up").
         * Worth it when the {@code Vm} is created before the contexts are needed (at application start);
         * off by default.
         */
        public Builder warmUp(boolean warmUp) {
            this.warmUp = warmUp;
            return this;
        }

        /**
         * Measures each run's wall-clock time and sums it into {@link VmStats#runTime()} (which is
         * otherwise zero); off by default. It costs two reads of the clock per run, about 55 ns on a
         * virtual machine's clock: a third of a tiny script's run in an existing context. Runs with a
         * {@link RunOptions#usageListener()} are timed either way, for their {@link RunUsage}.
         */
        public Builder measureRunTime(boolean measureRunTime) {
            this.measureRunTime = measureRunTime;
            return this;
        }

        /** Creates the options. */
        public VmOptions build() {
            return new VmOptions(scriptCache, inspector, lazyFunctionTranslation, warmUp, measureRunTime);
        }
    }
}
