package io.github.jsvm;

import java.io.OutputStream;
import java.nio.file.Path;

/**
 * How a context is created. Immutable.
 *
 * @param name a name for diagnostics (error messages, logs); {@code null} for none
 * @param codeGenerationFromStrings whether {@code eval} and {@code new Function} may compile
 *     strings; when {@code false} they throw an {@code EvalError} in the guest
 * @param microtaskMode when promise jobs run (see {@link MicrotaskMode})
 * @param consoleOutput where the guest's {@code console.log} and friends write; {@code null}
 *     discards the output
 * @param importModuleDynamically serves {@code import()} calls from code that belongs to no script,
 *     module or compiled function, such as code compiled by {@code eval}
 * @param moduleRoot the directory {@link ImportModuleDynamically#DEFAULT_LOADER} reads modules from,
 *     read-only; {@code null} for none
 * @param runLimits limits for every run in the context that does not set its own (each limit
 *     separately: a run with only a timeout still gets the context's allocation limit); also
 *     applied to reading and writing globals
 * @param exposeHostErrorMessages whether guest code sees the message of an exception that a
 *     {@link HostFunction}, an import hook, a synthetic module's evaluator or an import-meta
 *     initializer throws; by default it sees only a generic message with an error id, which the
 *     library logs (SLF4J, DEBUG) with the exception. The class of a host exception is never shown.
 * @param consoleError where the guest's {@code console.error} and {@code console.warn} write;
 *     {@code null} sends them to {@code consoleOutput}
 */
public record ContextOptions(
        String name,
        boolean codeGenerationFromStrings,
        MicrotaskMode microtaskMode,
        OutputStream consoleOutput,
        ImportModuleDynamically importModuleDynamically,
        Path moduleRoot,
        RunOptions runLimits,
        boolean exposeHostErrorMessages,
        OutputStream consoleError) {

    private static final ContextOptions DEFAULTS =
            new ContextOptions(null, true, MicrotaskMode.AFTER_EVALUATE, null, ImportModuleDynamically.NONE, null, RunOptions.defaults(), false, null);

    /** Validates the components. */
    public ContextOptions {
        Checks.notNull(microtaskMode, "microtaskMode");
        Checks.notNull(importModuleDynamically, "importModuleDynamically");
        Checks.notNull(runLimits, "runLimits");
        moduleRoot = moduleRoot == null ? null : moduleRoot.toAbsolutePath().normalize();
    }

    /** Options whose error output goes to {@code consoleOutput}, as before {@code consoleError} existed. */
    public ContextOptions(String name, boolean codeGenerationFromStrings, MicrotaskMode microtaskMode, OutputStream consoleOutput,
            ImportModuleDynamically importModuleDynamically, Path moduleRoot, RunOptions runLimits, boolean exposeHostErrorMessages) {
        this(name, codeGenerationFromStrings, microtaskMode, consoleOutput, importModuleDynamically, moduleRoot, runLimits,
                exposeHostErrorMessages, null);
    }

    /**
     * No name, code generation allowed, console output discarded, no import hook, no module root, no
     * run limits, host error messages hidden from the guest.
     */
    public static ContextOptions defaults() {
        return DEFAULTS;
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ContextOptions}; not thread-safe. */
    public static final class Builder {
        private String name;
        private boolean codeGenerationFromStrings = true;
        private MicrotaskMode microtaskMode = MicrotaskMode.AFTER_EVALUATE;
        private OutputStream consoleOutput;
        private ImportModuleDynamically importModuleDynamically = ImportModuleDynamically.NONE;
        private Path moduleRoot;
        private RunOptions runLimits = RunOptions.defaults();
        private boolean exposeHostErrorMessages;
        private OutputStream consoleError;

        private Builder() {}

        /** Sets the diagnostic name. */
        public Builder name(String name) {
            this.name = Checks.notNull(name, "name");
            return this;
        }

        /** Allows or forbids {@code eval} and {@code new Function}. */
        public Builder codeGenerationFromStrings(boolean allowed) {
            this.codeGenerationFromStrings = allowed;
            return this;
        }

        /** Sets when microtasks run. */
        public Builder microtaskMode(MicrotaskMode mode) {
            this.microtaskMode = Checks.notNull(mode, "microtaskMode");
            return this;
        }

        /** Sends the guest's console output to {@code output}; the caller keeps ownership of the stream. */
        public Builder consoleOutput(OutputStream output) {
            this.consoleOutput = Checks.notNull(output, "consoleOutput");
            return this;
        }

        /**
         * Sends the guest's {@code console.error} and {@code console.warn} output to {@code output}
         * instead of the console output; the caller keeps ownership of the stream.
         */
        public Builder consoleError(OutputStream output) {
            this.consoleError = Checks.notNull(output, "consoleError");
            return this;
        }

        /** Sets the hook for {@code import()} calls from code that belongs to no script, module or function; {@link ImportModuleDynamically#NONE} by default. */
        public Builder importModuleDynamically(ImportModuleDynamically hook) {
            this.importModuleDynamically = Checks.notNull(hook, "importModuleDynamically");
            return this;
        }

        /** Sets the directory {@link ImportModuleDynamically#DEFAULT_LOADER} reads modules from. */
        public Builder moduleRoot(Path moduleRoot) {
            this.moduleRoot = Checks.notNull(moduleRoot, "moduleRoot");
            return this;
        }

        /** Sets the limits of runs that do not set their own; none by default. */
        public Builder runLimits(RunOptions runLimits) {
            this.runLimits = Checks.notNull(runLimits, "runLimits");
            return this;
        }

        /** Sets whether guest code sees the messages of host exceptions; {@code false} by default. */
        public Builder exposeHostErrorMessages(boolean expose) {
            this.exposeHostErrorMessages = expose;
            return this;
        }

        /** Creates the options. */
        public ContextOptions build() {
            return new ContextOptions(name, codeGenerationFromStrings, microtaskMode, consoleOutput, importModuleDynamically,
                    moduleRoot, runLimits, exposeHostErrorMessages, consoleError);
        }
    }
}
