package io.github.jsvm;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A handle to a JavaScript function, bound to the context it was created in.
 *
 * <p>Calls run in that context under the same rules as a script run (one run at a time per context,
 * optional timeout). The handle keeps its context's state reachable while the handle is reachable;
 * once the context is closed, calls throw {@link ContextClosedException}. Thread-safe.
 *
 * <p>A call of an {@code async} function returns what its promise settles to once the promise jobs
 * the call started have run (a rejection is thrown as {@link JsException}); a promise still pending
 * then, because it waits for something that never settles in this run, fails the call with a
 * {@link JsException} ({@code TypeError}). Other functions that return a promise return it copied
 * like any other object (see {@link Vm}).
 */
public non-sealed interface JsFunction extends ImportReferrer {

    /**
     * Calls the function with {@code this} undefined, under its context's {@link ContextOptions#runOptions() run options}.
     *
     * @param args converted to JavaScript values (see {@link Vm}); {@code null} elements become {@code null}
     * @throws NullPointerException when {@code args} itself is {@code null}
     * @throws InvalidArgumentException when an argument cannot be converted
     * @throws JsException when the function throws
     * @throws ContextBusyException when the context is running code on another thread
     * @throws ContextClosedException when the context is closed before or during the run
     * @throws ScriptTimeoutException when the run exceeds its timeout
     * @throws ResourceExhaustedException when the run exceeds its CPU-time or allocation limit
     */
    default @Nullable Object call(@Nullable Object... args) {
        Objects.requireNonNull(args, "args must not be null");
        return call(Arrays.asList(args), RunOptions.defaults());
    }

    /**
     * Calls the function with {@code this} undefined under {@code runOptions}, each option not set there
     * taken from its context's {@link ContextOptions#runOptions() run options}.
     *
     * @param args converted to JavaScript values (see {@link Vm}); {@code null} elements become {@code null}
     * @return the result converted to Java
     * @throws NullPointerException when {@code args} or {@code runOptions} is {@code null}
     * @throws InvalidArgumentException when an argument cannot be converted
     * @throws JsException when the function throws
     * @throws ContextBusyException when the context is running code on another thread
     * @throws ContextClosedException when the context is closed before or during the run
     * @throws ScriptTimeoutException when the run exceeds its timeout
     * @throws ResourceExhaustedException when the run exceeds its CPU-time or allocation limit
     */
    @Nullable Object call(List<?> args, RunOptions runOptions);

    /** The context the function belongs to. */
    VmContext context();
}
