package io.github.jsvm;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when JavaScript code throws a value that it does not catch itself.
 *
 * <p>Carries the error's name (for example {@code "TypeError"}) and message as JavaScript reports
 * them, the thrown value converted to Java, and the JavaScript stack with each script's filename and
 * line/column offsets applied. {@link #getMessage()} is Node's one-line summary,
 * {@code "TypeError: x is not a function"}; {@link #jsStack()} is the full V8-style stack text,
 * headed like Node's {@code displayErrors} output by where the error was thrown: the file and line,
 * the source line and a caret ({@link #displayHeader()}).
 */
public class JsException extends VmException {
    private static final long serialVersionUID = 1L;
    private final @Nullable String errorName;
    private final @Nullable String errorMessage;
    private final transient @Nullable Object thrownValue;
    @SuppressWarnings("serial") // always an immutable List.copyOf list, which is serializable
    private final List<JsStackFrame> frames;
    private final @Nullable String displayHeader;

    /**
     * Creates an exception for a thrown JavaScript value.
     *
     * @param errorName the error's {@code name}, or {@code null} when the thrown value is not an error
     * @param errorMessage the error's {@code message}, or the thrown value as a string; {@code null} when
     *     neither could be read
     * @param thrownValue the thrown value converted to Java (see {@link Vm} for the conversions)
     * @param frames the JavaScript frames, innermost first
     */
    public JsException(@Nullable String errorName, @Nullable String errorMessage, @Nullable Object thrownValue, List<JsStackFrame> frames) {
        this(errorName, errorMessage, thrownValue, frames, null);
    }

    /**
     * Creates an exception for a thrown JavaScript value, with Node's {@code displayErrors} header.
     *
     * @param displayHeader where the error was thrown, as Node shows it: {@code "file:line\nsource line\n    ^\n"};
     *     {@code null} when not known
     * @see #JsException(String, String, Object, List)
     */
    public JsException(@Nullable String errorName, @Nullable String errorMessage, @Nullable Object thrownValue, List<JsStackFrame> frames,
            @Nullable String displayHeader) {
        super(summary(errorName, errorMessage));
        this.errorName = errorName;
        this.errorMessage = errorMessage;
        this.thrownValue = thrownValue;
        this.frames = List.copyOf(Checks.notNull(frames, "frames"));
        this.displayHeader = displayHeader;
    }

    /* Node's one-line summary: Error.prototype.toString for errors ("Error" when the message is empty). */
    private static String summary(@Nullable String errorName, @Nullable String errorMessage) {
        if (errorName == null) {
            return "Uncaught " + errorMessage;
        }
        if (errorMessage == null || errorMessage.isEmpty()) {
            return errorName;
        }
        return errorName.isEmpty() ? errorMessage : errorName + ": " + errorMessage;
    }

    /** The error's {@code name}, or {@code null} when a non-error value (like {@code throw 1}) was thrown. */
    public @Nullable String errorName() {
        return errorName;
    }

    /**
     * The error's {@code message}, or the thrown value as a string when it is not an error; {@code null}
     * when neither could be read (an error object whose properties throw, and no message from the engine).
     */
    public @Nullable String errorMessage() {
        return errorMessage;
    }

    /** The thrown value converted to Java; an error object becomes a map of its own properties. */
    public @Nullable Object thrownValue() {
        return thrownValue;
    }

    /** The JavaScript frames from the throw point outwards, with script offsets applied. */
    public List<JsStackFrame> frames() {
        return frames;
    }

    /**
     * Where the error was thrown, as Node's {@code displayErrors} shows it above the stack: the file and
     * line, the source line (a window of it, for long lines) and a caret under the column, each
     * followed by a line break. {@code null} when the place is not in user code.
     */
    public @Nullable String displayHeader() {
        return displayHeader;
    }

    /**
     * The stack text as Node prints an error a run threw: the {@link #displayHeader()} and an empty
     * line (when there is a header), the summary line, then one {@code "    at ..."} line per frame.
     */
    public String jsStack() {
        StringBuilder stack = new StringBuilder();
        if (displayHeader != null) {
            stack.append(displayHeader).append('\n');
        }
        stack.append(getMessage());
        for (JsStackFrame frame : frames) {
            stack.append("\n    at ").append(frame);
        }
        return stack.toString();
    }
}
