package io.github.jsvm;

import java.io.OutputStream;
import java.nio.file.Path;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;

/**
 * How a context is created. Immutable; made with {@link #builder()} or {@link #toBuilder()}, so that
 * options added later need no change to callers.
 *
 * @param name a name for diagnostics (error messages, logs); {@code null} for none
 * @param codeGenerationFromStrings whether {@code eval} and {@code new Function} may compile
 *     strings; when {@code false} they throw an {@code EvalError} in the guest
 * @param consoleOutput where the guest's {@code console.log} and friends write; {@code null}
 *     discards the output
 * @param importModuleDynamically serves {@code import()} calls from code that belongs to no script,
 *     module or compiled function, such as code compiled by {@code eval}
 * @param moduleRoot the directory {@link ImportModuleDynamically#DEFAULT_LOADER} reads modules from,
 *     read-only; {@code null} for none
 * @param runOptions the {@link RunOptions} of every run in the context, for each option the run does
 *     not set itself (a run with only a timeout still gets the context's allocation limit); also
 *     applied to reading and writing globals
 * @param exposeHostErrorMessages whether guest code sees the message of an exception that a
 *     {@link HostFunction}, an import hook, a synthetic module's evaluator or an import-meta
 *     initializer throws; by default it sees only a generic message with an error id, which the
 *     library logs (SLF4J, DEBUG) with the exception. The class of a host exception is never shown.
 * @param failOnUnhandledRejection whether a run fails when a promise is left rejected without a
 *     handler once its promise jobs have run: the run throws the rejection's reason (a
 *     {@link JsException}), as Node's default {@code --unhandled-rejections=throw} ends the process;
 *     by default such rejections are ignored. Contexts with it on share parsed code only among
 *     themselves (GraalJS shares code only between contexts with equal options)
 * @param consoleError where the guest's {@code console.error} and {@code console.warn} write;
 *     {@code null} sends them to {@code consoleOutput}
 * @param consoleOutputLimit the most bytes the guest may write to its console (output and error
 *     together) over the context's life, or {@code 0} for no limit: what goes past it is dropped, one
 *     marker line says so, and each run that lost output is told ({@link RunUsage#consoleTruncated()});
 *     the guest is never stopped or told. {@link RunOptions#consoleOutputLimit()} caps each run
 * @param maxStackDepth the deepest JavaScript frames may nest in a run (function calls, the top level
 *     of the script or module included), or {@code 0} for the engine's own limit, which is the host
 *     thread's stack: the call one past it throws the guest's
 *     {@code RangeError: Maximum call stack size exceeded}, as a real stack overflow does
 * @param budget what all runs of the context may use together (CPU time, allocation, statements);
 *     {@link ContextBudget#none()} by default
 * @param timeZone the guest's local time zone: what {@code Date}'s local-time methods and
 *     {@code Intl}'s default time zone use; {@code null} for the host JVM's default time zone, read when
 *     the context is created. Contexts of one {@code Vm} with different time zones still share parsed code
 */
public record ContextOptions(
        @Nullable String name,
        boolean codeGenerationFromStrings,
        @Nullable OutputStream consoleOutput,
        ImportModuleDynamically importModuleDynamically,
        @Nullable Path moduleRoot,
        RunOptions runOptions,
        boolean exposeHostErrorMessages,
        boolean failOnUnhandledRejection,
        @Nullable OutputStream consoleError,
        long consoleOutputLimit,
        int maxStackDepth,
        ContextBudget budget,
        @Nullable ZoneId timeZone) {

    private static final ContextOptions DEFAULTS = new ContextOptions(
            null, true, null, ImportModuleDynamically.NONE, null, RunOptions.defaults(), false, false, null, 0, 0, ContextBudget.none(), null);

    /**
     * Validates the components; makes {@code moduleRoot} absolute.
     *
     * @throws NullPointerException when {@code importModuleDynamically}, {@code runOptions} or {@code budget} is {@code null}
     * @throws InvalidArgumentException when {@code consoleOutputLimit} or {@code maxStackDepth} is negative
     */
    public ContextOptions {
        Checks.notNull(importModuleDynamically, "importModuleDynamically");
        Checks.notNull(runOptions, "runOptions");
        Checks.notNegative(consoleOutputLimit, "consoleOutputLimit");
        Checks.notNegative(maxStackDepth, "maxStackDepth");
        Checks.notNull(budget, "budget");
        moduleRoot = moduleRoot == null ? null : moduleRoot.toAbsolutePath().normalize();
    }

    /**
     * No name, code generation allowed, console output discarded, no import hook, no module root, no
     * run limits, no budget, host error messages hidden from the guest, unhandled rejections ignored,
     * no cap on console output, the engine's own stack depth, the host JVM's default time zone.
     */
    public static ContextOptions defaults() {
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
     * Builds {@link ContextOptions}; setters reject {@code null} and out-of-range values at once, naming the option
     * (an option that may be absent is absent while it is not set). Not thread-safe.
     */
    public static final class Builder {
        private @Nullable String name;
        private boolean codeGenerationFromStrings;
        private @Nullable OutputStream consoleOutput;
        private ImportModuleDynamically importModuleDynamically;
        private @Nullable Path moduleRoot;
        private RunOptions runOptions;
        private boolean exposeHostErrorMessages;
        private boolean failOnUnhandledRejection;
        private @Nullable OutputStream consoleError;
        private long consoleOutputLimit;
        private int maxStackDepth;
        private ContextBudget budget;
        private @Nullable ZoneId timeZone;

        private Builder(ContextOptions start) {
            this.name = start.name;
            this.codeGenerationFromStrings = start.codeGenerationFromStrings;
            this.consoleOutput = start.consoleOutput;
            this.importModuleDynamically = start.importModuleDynamically;
            this.moduleRoot = start.moduleRoot;
            this.runOptions = start.runOptions;
            this.exposeHostErrorMessages = start.exposeHostErrorMessages;
            this.failOnUnhandledRejection = start.failOnUnhandledRejection;
            this.consoleError = start.consoleError;
            this.consoleOutputLimit = start.consoleOutputLimit;
            this.maxStackDepth = start.maxStackDepth;
            this.budget = start.budget;
            this.timeZone = start.timeZone;
        }

        /**
         * Sets the diagnostic name.
         *
         * @throws NullPointerException when {@code name} is {@code null}
         */
        public Builder name(String name) {
            this.name = Checks.notNull(name, "name");
            return this;
        }

        /** Allows or forbids {@code eval} and {@code new Function}. */
        public Builder codeGenerationFromStrings(boolean allowed) {
            this.codeGenerationFromStrings = allowed;
            return this;
        }

        /**
         * Sends the guest's console output to {@code output}; the caller keeps ownership of the stream.
         *
         * @throws NullPointerException when {@code output} is {@code null}
         */
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

        /**
         * Sets the hook for {@code import()} calls from code that belongs to no script, module or function; {@link ImportModuleDynamically#NONE} by default.
         *
         * @throws NullPointerException when {@code hook} is {@code null}
         */
        public Builder importModuleDynamically(ImportModuleDynamically hook) {
            this.importModuleDynamically = Checks.notNull(hook, "importModuleDynamically");
            return this;
        }

        /**
         * Sets the directory {@link ImportModuleDynamically#DEFAULT_LOADER} reads modules from.
         *
         * @throws NullPointerException when {@code moduleRoot} is {@code null}
         */
        public Builder moduleRoot(Path moduleRoot) {
            this.moduleRoot = Checks.notNull(moduleRoot, "moduleRoot");
            return this;
        }

        /**
         * Sets the {@link RunOptions} of runs, for each option a run does not set itself; no limits by default.
         *
         * @throws NullPointerException when {@code runOptions} is {@code null}
         */
        public Builder runOptions(RunOptions runOptions) {
            this.runOptions = Checks.notNull(runOptions, "runOptions");
            return this;
        }

        /** Sets whether guest code sees the messages of host exceptions; {@code false} by default. */
        public Builder exposeHostErrorMessages(boolean expose) {
            this.exposeHostErrorMessages = expose;
            return this;
        }

        /** Sets whether a promise left rejected without a handler fails the run; {@code false} by default. */
        public Builder failOnUnhandledRejection(boolean fail) {
            this.failOnUnhandledRejection = fail;
            return this;
        }

        /**
         * Caps the bytes the guest may write to its console over the context's life; must be positive.
         * Output past it is dropped after one marker line; the guest is never stopped.
         *
         * @throws InvalidArgumentException when {@code bytes} is not positive
         */
        public Builder consoleOutputLimit(long bytes) {
            this.consoleOutputLimit = Checks.positive(bytes, "consoleOutputLimit");
            return this;
        }

        /**
         * Caps how deep JavaScript frames may nest in a run; must be positive. The call one past it
         * throws the guest's {@code RangeError}, whatever the host thread's stack allows.
         *
         * @throws InvalidArgumentException when {@code frames} is not positive
         */
        public Builder maxStackDepth(int frames) {
            this.maxStackDepth = (int) Checks.positive(frames, "maxStackDepth");
            return this;
        }

        /**
         * Sets what all runs of the context may use together; {@link ContextBudget#none()} by default.
         *
         * @throws NullPointerException when {@code budget} is {@code null}
         */
        public Builder budget(ContextBudget budget) {
            this.budget = Checks.notNull(budget, "budget");
            return this;
        }

        /**
         * Sets the guest's local time zone ({@code Date}'s local time, {@code Intl}'s default time
         * zone); the host JVM's default time zone by default.
         *
         * @throws NullPointerException when {@code zone} is {@code null}
         */
        public Builder timeZone(ZoneId zone) {
            this.timeZone = Checks.notNull(zone, "timeZone");
            return this;
        }

        /** Creates the options. */
        public ContextOptions build() {
            return new ContextOptions(name, codeGenerationFromStrings, consoleOutput, importModuleDynamically,
                    moduleRoot, runOptions, exposeHostErrorMessages, failOnUnhandledRejection, consoleError,
                    consoleOutputLimit, maxStackDepth, budget, timeZone);
        }
    }
}
