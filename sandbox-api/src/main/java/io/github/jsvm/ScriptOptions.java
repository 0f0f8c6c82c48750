package io.github.jsvm;

/**
 * How a script is compiled: the filename shown in stack traces and errors, and the line and column
 * offsets added to every reported position (Node's {@code lineOffset} and {@code columnOffset}; the
 * column offset applies to the first line only). Offsets may be negative, for code that was
 * wrapped before compilation. Immutable.
 *
 * @param filename the name reported in stack traces and errors
 * @param lineOffset added to every reported line number
 * @param columnOffset added to reported column numbers on the script's first line
 */
public record ScriptOptions(String filename, int lineOffset, int columnOffset) {

    /** The filename used when none is given, as in Node. */
    public static final String DEFAULT_FILENAME = "evalmachine.<anonymous>";

    private static final ScriptOptions DEFAULTS = new ScriptOptions(DEFAULT_FILENAME, 0, 0);

    /** Validates the components. */
    public ScriptOptions {
        Checks.notNull(filename, "filename");
    }

    /** Options with the default filename and no offsets. */
    public static ScriptOptions defaults() {
        return DEFAULTS;
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ScriptOptions}; not thread-safe. */
    public static final class Builder {
        private String filename = DEFAULT_FILENAME;
        private int lineOffset;
        private int columnOffset;

        private Builder() {}

        /** Sets the name reported in stack traces and errors. */
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

        /** Creates the options. */
        public ScriptOptions build() {
            return new ScriptOptions(filename, lineOffset, columnOffset);
        }
    }
}
