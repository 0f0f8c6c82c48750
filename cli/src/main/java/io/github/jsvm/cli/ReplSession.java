package io.github.jsvm.cli;

import io.github.jsvm.ImportModuleDynamically;
import io.github.jsvm.RunOptions;
import io.github.jsvm.Script;
import io.github.jsvm.ScriptOptions;
import io.github.jsvm.ScriptSyntaxException;
import io.github.jsvm.Vm;
import io.github.jsvm.VmContext;
import io.github.jsvm.VmException;
import java.io.PrintStream;

/**
 * The REPL without a terminal: takes input lines and prints what each entry gives. All entries run
 * in one sandboxed context, so state persists; each entry is one run under the session's limits, and
 * a failing entry prints its error and leaves the session going. Input that ends inside an
 * unfinished statement (an open brace, a template literal) waits for more lines. Not thread-safe.
 */
final class ReplSession {
    /** What the session expects next. */
    enum State {
        /** A new entry. */
        READY,
        /** More lines of an unfinished entry. */
        CONTINUING,
        /** Nothing: the session has ended. */
        ENDED
    }

    private final Vm vm;
    private final VmContext context;
    private final RunOptions limits;
    private final PrintStream out;
    private final PrintStream err;
    private final StringBuilder pending = new StringBuilder();
    private int entries;
    private State state = State.READY;

    /** A session running in {@code context} (which the caller owns), printing values to {@code out} and errors to {@code err}. */
    ReplSession(Vm vm, VmContext context, RunOptions limits, PrintStream out, PrintStream err) {
        this.vm = vm;
        this.context = context;
        this.limits = limits;
        this.out = out;
        this.err = err;
    }

    State state() {
        return state;
    }

    /** Takes one line of input (without its line break) and returns what the session expects next. */
    State accept(String line) {
        if (state == State.ENDED) {
            throw new IllegalStateException("the REPL session has ended");
        }
        if (state == State.READY && line.strip().equals(".exit")) {
            state = State.ENDED;
            return state;
        }
        pending.append(line).append('\n');
        if (pending.toString().isBlank()) {
            pending.setLength(0);
            return state;
        }
        String code = pending.toString();
        String filename = "REPL" + (entries + 1);
        Script script;
        try {
            script = vm.compile(code, ScriptOptions.builder().filename(filename)
                    .importModuleDynamically(ImportModuleDynamically.DEFAULT_LOADER).build());
        } catch (ScriptSyntaxException syntax) {
            if (UnfinishedInput.is(syntax, code)) {
                state = State.CONTINUING;
                return state;
            }
            finishEntry();
            err.println(ErrorReport.ofEntry(syntax));
            return state;
        }
        finishEntry();
        try {
            Object value = script.runInContext(context, limits);
            if (value != null) {
                out.println(ValueFormatter.format(value));
            }
        } catch (VmException failure) {
            out.flush();
            err.println(ErrorReport.ofEntry(failure));
        }
        out.flush();
        return state;
    }

    /** Drops the lines of an unfinished entry (Ctrl-C). */
    void discardPending() {
        pending.setLength(0);
        if (state == State.CONTINUING) {
            state = State.READY;
        }
    }

    private void finishEntry() {
        entries++;
        pending.setLength(0);
        state = State.READY;
    }
}
