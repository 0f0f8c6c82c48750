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
 */
public record ContextOptions(
        String name,
        boolean codeGenerationFromStrings,
        MicrotaskMode microtaskMode,
        OutputStream consoleOutput,
        ImportModuleDynamically importModuleDynamically,
        Path moduleRoot) {

    private static final ContextOptions DEFAULTS = new ContextOptions(null, true, MicrotaskMode.AFTER_EVALUATE, null, ImportModuleDynamically.NONE, null);

    /** Validates the components. */
    public ContextOptions {
        Checks.notNull(microtaskMode, "microtaskMode");
        Checks.notNull(importModuleDynamically, "importModuleDynamically");
        moduleRoot = moduleRoot == null ? null : moduleRoot.toAbsolutePath().normalize();
    }

    /** No name, code generation allowed, console output discarded, no import hook, no module root. */
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

        /** Creates the options. */
        public ContextOptions build() {
            return new ContextOptions(name, codeGenerationFromStrings, microtaskMode, consoleOutput, importModuleDynamically, moduleRoot);
        }
    }
}
