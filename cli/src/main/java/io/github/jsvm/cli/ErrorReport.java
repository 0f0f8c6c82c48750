package io.github.jsvm.cli;

import io.github.jsvm.JsException;
import io.github.jsvm.ResourceExhaustedException;
import io.github.jsvm.ScriptSyntaxException;
import io.github.jsvm.ScriptTimeoutException;
import io.github.jsvm.VmException;
import java.time.Duration;

/** The text the runner prints for a failed run, in Node's layout where Node has one. */
final class ErrorReport {
    private ErrorReport() {}

    /** A program's failure: a syntax error with its caret, an error's stack headed by the throwing line. */
    static String of(VmException failure) {
        return switch (failure) {
            case ScriptSyntaxException syntax -> syntax.getMessage();
            case JsException thrown -> thrown.jsStack();
            default -> withoutHeader(failure);
        };
    }

    /** A REPL entry's failure, as Node's REPL shows it: no source header, prefixed {@code Uncaught}. */
    static String ofEntry(VmException failure) {
        String report = withoutHeader(failure);
        return report.startsWith("Uncaught ") ? report : "Uncaught " + report; // a thrown non-error already says so
    }

    private static String withoutHeader(VmException failure) {
        return switch (failure) {
            case ScriptSyntaxException syntax -> "SyntaxError: " + syntax.reason();
            case JsException thrown -> thrown.jsStack().substring(thrown.displayHeader() == null ? 0 : thrown.displayHeader().length() + 1);
            case ResourceExhaustedException exhausted -> "Error: " + limitExceeded(exhausted);
            case ScriptTimeoutException timedOut -> "Error: " + timedOut.getMessage() + " (--timeout)";
            default -> "Error: " + failure.getMessage();
        };
    }

    /** Names the flag whose limit was hit; the engine's own message names the context instead. */
    private static String limitExceeded(ResourceExhaustedException exhausted) {
        return switch (exhausted.resource()) {
            case CPU_TIME -> "CPU time limit of " + Duration.ofNanos(exhausted.limit()).toMillis() + "ms exceeded (--cpu-limit)";
            case ALLOCATED_BYTES -> "allocation limit of " + UnitValues.formatBytes(exhausted.limit()) + " exceeded (--allocation-limit)";
            case STATEMENTS -> "statement limit of " + exhausted.limit() + " exceeded (--statement-limit)";
            case HOST_HEAP -> exhausted.getMessage();
        };
    }
}
