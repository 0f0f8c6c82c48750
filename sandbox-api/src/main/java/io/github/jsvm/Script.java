package io.github.jsvm;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A compiled script, runnable in any number of contexts of the {@link Vm} that compiled it.
 *
 * <p>Immutable and thread-safe. Each run evaluates the script's top-level code afresh in the given
 * context, so running one script in three contexts gives three independent states, exactly as if
 * each context had compiled it; only the compiled code is shared. Running returns the completion
 * value of the script converted to Java (see {@link Vm} for the conversions).
 */
public non-sealed interface Script extends ImportReferrer {

    /** The options the script was compiled with. */
    ScriptOptions options();

    /**
     * Runs the script in {@code context} under the context's {@link ContextOptions#runOptions() run options}.
     *
     * @throws NullPointerException when {@code context} is {@code null}
     * @throws InvalidArgumentException when {@code context} belongs to another {@code Vm}
     * @throws JsException when the script throws
     * @throws ContextBusyException when the context is running code on another thread
     * @throws ContextClosedException when the context is closed before or during the run
     * @throws ScriptTimeoutException when the run exceeds its timeout
     * @throws ResourceExhaustedException when the run exceeds its CPU-time or allocation limit
     */
    default @Nullable Object runInContext(VmContext context) {
        return runInContext(context, RunOptions.defaults());
    }

    /**
     * Runs the script in {@code context} under {@code runOptions}, each option not set there taken from
     * the context's {@link ContextOptions#runOptions() run options}.
     *
     * @throws NullPointerException when an argument is {@code null}
     * @throws InvalidArgumentException when {@code context} belongs to another {@code Vm}
     * @throws JsException when the script throws
     * @throws ContextBusyException when the context is already running code
     * @throws ContextClosedException when the context is closed before or during the run
     * @throws ScriptTimeoutException when the run exceeds its timeout
     * @throws ResourceExhaustedException when the run exceeds its CPU-time or allocation limit
     */
    @Nullable Object runInContext(VmContext context, RunOptions runOptions);

    /**
     * Runs the script in a new context with {@code globals}, closing the context afterwards.
     *
     * @throws NullPointerException when {@code globals} is {@code null}
     * @throws InvalidArgumentException when a global's key is {@code null}, its value cannot be
     *     converted, or it names a read-only built-in
     * @throws VmClosedException when the {@code Vm} is closed
     * @throws JsException when the script throws
     * @throws ScriptTimeoutException when the run exceeds its timeout
     * @throws ResourceExhaustedException when the run exceeds its CPU-time or allocation limit
     */
    default @Nullable Object runInNewContext(Map<String, ?> globals) {
        return runInNewContext(globals, RunOptions.defaults());
    }

    /**
     * Runs the script in a new context created with {@code globals} and default context options; the
     * context is closed when the run ends, and the converted result stays valid (functions in it
     * become unusable).
     *
     * @throws NullPointerException when an argument is {@code null}
     * @throws InvalidArgumentException when a global's key is {@code null}, its value cannot be
     *     converted, or it names a read-only built-in
     * @throws VmClosedException when the {@code Vm} is closed
     * @throws JsException when the script throws
     * @throws ScriptTimeoutException when the run exceeds its timeout
     * @throws ResourceExhaustedException when the run exceeds its CPU-time or allocation limit
     */
    @Nullable Object runInNewContext(Map<String, ?> globals, RunOptions runOptions);

    /**
     * Runs the script in the {@code Vm}'s main context without limits (see {@link #runInThisContext(RunOptions)}).
     *
     * @throws JsException when the script throws
     * @throws VmClosedException when the {@code Vm} is closed before its main context was created
     * @throws ContextClosedException when the {@code Vm}, and with it its main context, is closed
     * @throws ResourceExhaustedException when the run exhausts the host's heap
     */
    default @Nullable Object runInThisContext() {
        return runInThisContext(RunOptions.defaults());
    }

    /**
     * Runs the script in the {@code Vm}'s main context: Node's {@code runInThisContext}. The main
     * context is the one {@link Vm#compileFunction} and modules without a context use; it is shared,
     * so runs in it from several threads wait their turn (a run's timeout counts from the call, so
     * the wait spends it: a run that cannot start in time fails with {@link ScriptTimeoutException}),
     * and what the script declares stays for later runs there. It is closed with the {@code Vm}.
     *
     * @throws NullPointerException when {@code runOptions} is {@code null}
     * @throws JsException when the script throws
     * @throws ScriptTimeoutException when the run exceeds {@code runOptions.timeout()}
     * @throws ResourceExhaustedException when the run exceeds its CPU-time or allocation limit
     * @throws VmClosedException when the {@code Vm} is closed before its main context was created
     * @throws ContextClosedException when the {@code Vm}, and with it its main context, is closed
     */
    @Nullable Object runInThisContext(RunOptions runOptions);

    /**
     * The URL named by the script's source-map comment ({@code //# sourceMappingURL=URL}, or the
     * legacy {@code //@} form, on a line of its own; the last one counts), or {@code null}: Node's
     * {@code script.sourceMapURL}.
     */
    @Nullable String sourceMapURL();
}
