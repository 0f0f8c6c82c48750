package io.github.jsvm;

/**
 * Thrown when source code is not valid JavaScript, either when it is compiled or when code
 * generated from a string ({@code eval}, {@code new Function}) fails to parse.
 *
 * <p>The message is laid out like Node's {@code displayErrors} output: {@code file:line}, the
 * offending source line, a caret under the column, then {@code SyntaxError: reason}. Line and
 * column include the script's offsets.
 */
public class ScriptSyntaxException extends VmException {
    private static final long serialVersionUID = 1L;
    private final String filename;
    private final int line;
    private final int column;
    private final String reason;
    private final String sourceLine;

    /**
     * Creates a syntax error report.
     *
     * @param filename the script's filename
     * @param line 1-based line, offsets applied; 0 when unknown
     * @param column 1-based column, offsets applied; 0 when unknown
     * @param reason the parser's explanation, without location
     * @param sourceLine the source line the error is on, or {@code ""} when unknown
     * @param caretColumn 1-based position of the error within {@code sourceLine} (no offset), or 0
     */
    public ScriptSyntaxException(
            String filename, int line, int column, String reason, String sourceLine, int caretColumn) {
        super(format(Checks.notNull(filename, "filename"), line, Checks.notNull(reason, "reason"),
                Checks.notNull(sourceLine, "sourceLine"), caretColumn));
        this.filename = filename;
        this.line = line;
        this.column = column;
        this.reason = reason;
        this.sourceLine = sourceLine;
    }

    private static String format(String filename, int line, String reason, String sourceLine, int caretColumn) {
        StringBuilder text = new StringBuilder(filename);
        if (line > 0) {
            text.append(':').append(line);
        }
        text.append('\n');
        if (!sourceLine.isEmpty()) {
            text.append(sourceLine).append('\n');
            if (caretColumn > 0) {
                text.append(" ".repeat(caretColumn - 1)).append("^\n");
            }
        }
        return text.append("SyntaxError: ").append(reason).toString();
    }

    /** The script's filename. */
    public String filename() {
        return filename;
    }

    /** The 1-based line of the error with the line offset applied, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** The 1-based column of the error (column offset applied on the first line), or 0 when unknown. */
    public int column() {
        return column;
    }

    /** The parser's reason, for example {@code "Expected ; but found y"}. */
    public String reason() {
        return reason;
    }

    /** The offending source line, or {@code ""} when unknown. */
    public String sourceLine() {
        return sourceLine;
    }
}
