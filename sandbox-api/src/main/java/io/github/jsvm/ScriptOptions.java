package io.github.jsvm;

/**
 * How a script is compiled: the filename shown in stack traces and errors, and the line and column
 * offsets added to every reported position (Node's {@code lineOffset} and {@code columnOffset}; the
 * column offset applies to the first line only). Offsets may be negative, for code that was
 * wrapped before compilation, and the hook that serves the script's dynamic {@code import()} calls.
 * Immutable; made with {@link #builder()} or {@link #toBuilder()}, so that options added later need no
 * change to callers.
 *
 * @param filename the name reported in stack traces and errors
 * @param lineOffset added to every reported line number
 * @param columnOffset added to reported column numbers on the script's first line
 * @param importModuleDynamically serves {@code import()} calls in the script's code
 */
public record ScriptOptions(String filename, int lineOffset, int columnOffset, ImportModuleDynamically importModuleDynamically) {

    /** The filename used when none is given, as in Node. */
    public static final String DEFAULT_FILENAME = "evalmachine.<anonymous>";

    private static final ScriptOptions DEFAULTS = new ScriptOptions(DEFAULT_FILENAME, 0, 0, ImportModuleDynamically.NONE);

    /**
     * Validates the components.
     *
     * @throws NullPointerException when {@code filename} or {@code importModuleDynamically} is {@code null}
     */
    public ScriptOptions {
        Checks.notNull(filename, "filename");
        Checks.notNull(importModuleDynamically, "importModuleDynamically");
    }

    /** Options with the default filename, no offsets and no import hook. */
    public static ScriptOptions defaults() {
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
     * Builds {@link ScriptOptions}; setters reject {@code null} and out-of-range values at once, naming the option
     * (an option that may be absent is absent while it is not set). Not thread-safe.
     */
    public static final class Builder {
        private String filename;
        private int lineOffset;
        private int columnOffset;
        private ImportModuleDynamically importModuleDynamically;

        private Builder(ScriptOptions start) {
            this.filename = start.filename;
            this.lineOffset = start.lineOffset;
            this.columnOffset = start.columnOffset;
            this.importModuleDynamically = start.importModuleDynamically;
        }
        /**
         * Sets the name reported in stack traces and errors.
         *
         * @throws NullPointerException when {@code filename} is {@code null}
         */
        public Builder filename(String filename) {
            this.filename = Checks.notNull(filename, "filename");
            return this;
        }

        /** Sets the number added to every reported line. */
        public Builder lineOffset(int lineOffset) {
            this.lineOffset = lineOffset;
            return this;
        }

        /** Sets the number added to reported columns on the first line. */
        public Builder columnOffset(int columnOffset) {
            this.columnOffset = columnOffset;
            return this;
        }

        /**
         * Sets the hook for {@code import()} calls in this code; {@link ImportModuleDynamically#NONE} by default.
         *
         * @throws NullPointerException when {@code hook} is {@code null}
         */
        public Builder importModuleDynamically(ImportModuleDynamically hook) {
            this.importModuleDynamically = Checks.notNull(hook, "importModuleDynamically");
            return this;
        }

        /** Creates the options. */
        public ScriptOptions build() {
            return new ScriptOptions(filename, lineOffset, columnOffset, importModuleDynamically);
        }
    }
}
