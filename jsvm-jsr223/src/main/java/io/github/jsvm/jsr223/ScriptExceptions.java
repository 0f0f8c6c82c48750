package io.github.jsvm.jsr223;

import io.github.jsvm.JsException;
import io.github.jsvm.JsStackFrame;
import io.github.jsvm.ScriptSyntaxException;
import javax.script.ScriptException;

/** Turns what a run throws into the {@link ScriptException} {@code javax.script} callers expect, the original as its cause. */
final class ScriptExceptions {
    private ScriptExceptions() {}

    /**
     * A {@code ScriptException} for {@code failure}: a JavaScript error or syntax error keeps its
     * message, file, line and column (-1 when unknown, as {@code ScriptException} has it); anything
     * else (timeouts, exhausted limits, a host function's exception) is reported against {@code fileName}.
     */
    static ScriptException of(Exception failure, String fileName) {
        ScriptException result;
        if (failure instanceof ScriptException already) {
            return already;
        } else if (failure instanceof ScriptSyntaxException syntax) {
            result = new ScriptException("SyntaxError: " + syntax.reason(), syntax.filename(), known(syntax.line()), known(syntax.column()));
        } else if (failure instanceof JsException js) {
            JsStackFrame top = js.frames().stream().filter(frame -> frame.line() > 0).findFirst().orElse(null);
            result = top == null
                    ? new ScriptException(js.getMessage(), fileName, -1, -1)
                    : new ScriptException(js.getMessage(), top.filename(), top.line(), known(top.column()));
        } else {
            result = new ScriptException(String.valueOf(failure.getMessage()), fileName, -1, -1);
        }
        result.initCause(failure);
        return result;
    }

    private static int known(int position) {
        return position > 0 ? position : -1;
    }
}
