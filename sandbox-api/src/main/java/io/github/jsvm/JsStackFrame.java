package io.github.jsvm;

/**
 * One frame of a JavaScript stack trace, with the script's line and column offsets already applied.
 *
 * @param functionName the function's name, or {@code ""} for top-level code and anonymous functions
 * @param filename the script's filename as given in its options
 * @param line 1-based line number, or 0 when unknown
 * @param column 1-based column number, or 0 when unknown
 */
public record JsStackFrame(String functionName, String filename, int line, int column) implements java.io.Serializable {
    /** Checks that the names are given ({@code ""} when there is none). */
    public JsStackFrame {
        Checks.notNull(functionName, "functionName");
        Checks.notNull(filename, "filename");
    }


    /** Formats the frame as a V8 stack line without the leading {@code "    at "}. */
    @Override
    public String toString() {
        String location = filename + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "");
        return functionName.isEmpty() ? location : functionName + " (" + location + ")";
    }
}
