package io.github.jsvm.engine;

import io.github.jsvm.JsException;
import io.github.jsvm.JsStackFrame;
import io.github.jsvm.ScriptSyntaxException;
import io.github.jsvm.VmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;
import org.jspecify.annotations.Nullable;

/**
 * Turns guest failures into the API's exceptions. Nothing engine-owned survives: messages, frames
 * and thrown values are copied, so an exception can outlive its context without pinning it.
 */
final class ErrorTranslator {
    private static final String SYNTAX_ERROR_PREFIX = "SyntaxError: ";
    private ErrorTranslator() {}

    /**
     * Translates a failure of running code that is neither an interrupt nor a cancellation. A
     * SyntaxError at run time (from {@code eval}, or a redeclared {@code let}) is a guest error like
     * any other. May read properties of the thrown value, so it must run inside the run that caught
     * the failure. {@code origins} maps the sources of stack frames to what the user wrote.
     */
    static RuntimeException translate(PolyglotException failure, ValueConverter converter, Function<Source, SourceOrigin> origins) {
        if (failure.isHostException()) {
            return hostException(failure.asHostException(), converter);
        }
        if (failure.isGuestException()) {
            Throwable original = converter.hostFailureOf(failure.getGuestObject());
            if (original != null) {
                return hostException(original, converter); // the guest let a host function's exception through
            }
        }
        if (failure.isInternalError() || failure.isResourceExhausted() && !failure.isGuestException()) {
            return new VmException("Engine failure while running a script: " + failure.getMessage());
        }
        return jsException(failure, converter, origins);
    }

    private static RuntimeException hostException(Throwable original, ValueConverter converter) {
        if (original instanceof OutOfMemoryError) {
            return ContextRunner.heapExhausted(converter.contextDescription());
        }
        return original instanceof RuntimeException runtime ? runtime : new VmException("Host code threw " + describe(original), original);
    }

    /**
     * {@code failure}'s class and message, as {@code Throwable.toString()} gives them, for the host's
     * messages: an exception whose {@code getMessage()} or {@code toString()} throws must not replace
     * the failure being reported by one of its own (nor leave a module half-failed).
     */
    static String describe(Throwable failure) {
        String message = messageOf(failure);
        return failure.getClass().getName() + (message == null ? "" : ": " + message);
    }

    /** {@code failure.getMessage()}, or {@code null} when it has none or reading it throws; cut as {@link #clip} does. */
    static @Nullable String messageOf(Throwable failure) {
        try {
            String message = failure.getMessage();
            return message == null ? null : clip(message);
        } catch (RuntimeException | StackOverflowError unreadable) {
            return null;
        }
    }

    static ScriptSyntaxException syntaxError(PolyglotException failure) {
        SourceSection location = failure.getSourceLocation();
        if (location == null) {
            return new ScriptSyntaxException("<unknown>", 0, 0, reason(failure.getMessage(), null), "", 0);
        }
        SourceOrigin origin = SourceOrigin.of(location.getSource());
        EcmaPosition position = EcmaPosition.of(location);
        int line = position.line();
        int column = position.column();
        Window window = Window.around(position.lineText(location.getSource()), column);
        return new ScriptSyntaxException(origin.filename(), origin.mapLine(line), origin.mapColumn(line, column),
                clip(reason(failure.getMessage(), origin.filename())), window.text(), window.caret());
    }

    /** Stack frames copied into a {@link JsException} at most. */
    static final int MAX_FRAMES = 256;
    /** Characters of a source line shown in a syntax error; longer lines are cut around the error, marked with an ellipsis. */
    static final int LINE_WINDOW = 160;
    /** Characters of any message or text copied from the guest into an exception; longer ones are cut, marked. */
    static final int MAX_TEXT = 8192;

    /** {@code text} cut to {@value #MAX_TEXT} characters, the cut marked with how much was left out. */
    static String clip(String text) {
        if (text.length() <= MAX_TEXT) {
            return text;
        }
        return text.substring(0, MAX_TEXT) + "… [" + (text.length() - MAX_TEXT) + " more characters]";
    }

    /**
     * GraalJS reports {@code [SyntaxError: ]name:line:column reason}, then the source line and a
     * caret; keep only the reason, since positions are reported separately and with offsets.
     */
    private static String reason(@Nullable String message, @Nullable String filename) {
        if (message == null || message.isBlank()) {
            return "Invalid or unexpected token";
        }
        String reason = message.lines().findFirst().orElse(message);
        if (reason.startsWith(SYNTAX_ERROR_PREFIX)) {
            reason = reason.substring(SYNTAX_ERROR_PREFIX.length());
        }
        if (filename != null) {
            reason = reason.replaceFirst("^" + Pattern.quote(filename) + ":\\d+:\\d+ ", "");
        }
        return reason;
    }

    private static JsException jsException(PolyglotException failure, ValueConverter converter, Function<Source, SourceOrigin> origins) {
        Value thrown = failure.getGuestObject();
        String name = null;
        String message = null;
        Object javaValue = null;
        try {
            if (thrown != null && converter.isError(thrown)) {
                name = orElse(converter.text(thrown.getMember("name"), MAX_TEXT), "Error");
                message = orElse(converter.text(thrown.getMember("message"), MAX_TEXT), "");
                javaValue = errorAsMap(thrown, name, message, converter);
            } else if (thrown != null && thrown.isString()) {
                // Thrown strings are kept as the thrown value, cut like messages: `throw 'x'.repeat(1e8)`.
                message = converter.text(thrown, MAX_TEXT);
                javaValue = message;
            } else if (thrown != null) {
                javaValue = converter.toJava(thrown);
                message = converter.text(thrown, MAX_TEXT);
            }
        } catch (PolyglotException | VmException unreadable) {
            // A hostile error object (throwing getters, proxies) must not hide the original failure.
            name = null;
            message = null;
        }
        if (message == null) {
            String polyglotMessage = failure.getMessage();
            message = polyglotMessage == null ? null : clip(polyglotMessage);
        }
        GuestStack stack = stack(failure, origins);
        return new JsException(name, message, javaValue, stack.frames(), stack.displayHeader());
    }

    /**
     * Node's displayErrors header for the innermost frame in user code (where the error was thrown):
     * its file and line, the source line and a caret.
     */
    private static String displayHeader(SourceSection location, SourceOrigin origin, EcmaPosition position) {
        String line = position.lineText(location.getSource());
        int generated = Math.min(line.length(), origin.generatedPrefix(position.line()));
        int column = throwStatementColumn(line, Math.max(0, position.column()));
        Window window = Window.around(line.substring(generated), Math.max(0, column - generated));
        return origin.filename() + ":" + origin.mapLine(position.line()) + "\n" + window.text() + "\n"
                + " ".repeat(Math.max(0, window.caret() - 1)) + "^\n";
    }

    /**
     * V8 marks a {@code throw new Error()} at its {@code throw}, while the innermost frame points at
     * the {@code new}: the column of a {@code throw} keyword right before {@code column} (1-based) on
     * the line, or {@code column} itself.
     */
    static int throwStatementColumn(String line, int column) {
        int i = Math.min(column - 1, line.length()) - 1;
        while (i >= 0 && Character.isWhitespace(line.charAt(i))) {
            i--;
        }
        int start = i - "throw".length() + 1;
        boolean keyword = start >= 0 && line.startsWith("throw", start)
                && (start == 0 || !Character.isJavaIdentifierPart(line.charAt(start - 1)));
        return keyword && i < column - 2 ? start + 1 : column;
    }

    /** At most {@value #LINE_WINDOW} characters of a line around a 1-based column, cuts marked; the column within them. */
    private record Window(String text, int caret) {
        static Window around(String line, int column) {
            // A minified bundle is one huge line: show the part around the column.
            int from = column <= 0 ? 0 : Math.max(0, Math.min(column - 1 - LINE_WINDOW / 2, line.length() - LINE_WINDOW));
            int to = Math.min(line.length(), from + LINE_WINDOW);
            String shown = (from > 0 ? "…" : "") + line.substring(from, to) + (to < line.length() ? "…" : "");
            return new Window(shown, column <= 0 ? 0 : column - from + (from > 0 ? 1 : 0));
        }
    }

    private static Map<String, Object> errorAsMap(Value error, String name, String message, ValueConverter converter) {
        Object converted = converter.toJava(error);
        CopiedObject map = new CopiedObject();
        map.define("name", name);
        map.define("message", message);
        if (converted instanceof Map<?, ?> own) {
            own.forEach((key, value) -> map.define((String) key, value));
        }
        return map;
    }

    private static String orElse(@Nullable String text, String fallback) {
        return text == null ? fallback : text;
    }

    /** The frames copied from a guest failure, and the displayErrors header of the first one in user code (or null). */
    private record GuestStack(List<JsStackFrame> frames, @Nullable String displayHeader) {}

    private static GuestStack stack(PolyglotException failure, Function<Source, SourceOrigin> origins) {
        List<JsStackFrame> frames = new ArrayList<>();
        String header = null;
        for (PolyglotException.StackFrame frame : failure.getPolyglotStackTrace()) {
            if (frames.size() == MAX_FRAMES) {
                break; // the guest sets Error.stackTraceLimit; the host's copy stays bounded
            }
            if (!frame.isGuestFrame()) {
                continue;
            }
            SourceSection location = frame.getSourceLocation();
            String function = functionName(frame.getRootName());
            if (location == null) {
                frames.add(new JsStackFrame(function, "<native>", 0, 0));
                continue;
            }
            SourceOrigin origin = origins.apply(location.getSource());
            if (origin.filename().startsWith(SourceOrigin.INTERNAL_PREFIX)) {
                continue;
            }
            EcmaPosition position = EcmaPosition.of(location);
            frames.add(new JsStackFrame(function, origin.filename(), origin.mapLine(position.line()),
                    origin.mapColumn(position.line(), position.column())));
            if (header == null && location.isAvailable() && location.getSource().hasCharacters()) {
                header = displayHeader(location, origin, position);
            }
        }
        return new GuestStack(frames, header);
    }

    private static String functionName(String rootName) {
        return rootName == null || rootName.startsWith(":") ? "" : rootName;
    }
}
