package io.github.jsvm;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An isolated JavaScript realm: its own global object and built-ins, shared with no other context.
 *
 * <h2>Globals</h2>
 * The globals given at creation are copied in as global properties. After a run, {@link #globals()}
 * reads back every enumerable own property of the global object: the globals given at creation (with
 * the values the script left in them), plus those the script created with {@code var}, function
 * declarations or assignments to {@code globalThis}. Built-ins (non-enumerable) and top-level
 * {@code let}, {@code const} and {@code class} bindings (which are not properties of the global object
 * in JavaScript) are not included, as with Node's contextified object.
 *
 * <h2>Threads</h2>
 * A context runs one piece of code at a time: a run requested while another is in progress fails at
 * once with {@link ContextBusyException}. Different contexts run in parallel.
 *
 * <h2>Lifetime</h2>
 * The caller owns a context and closes it; closing while code runs cancels that code. A context
 * that becomes unreachable without being closed is closed after garbage collection.
 */
public non-sealed interface VmContext extends ImportReferrer, AutoCloseable {

    /** The name given in {@link ContextOptions}, or {@code null}. */
    @Nullable String name();

    /** The options the context was created with. */
    ContextOptions options();

    /**
     * Reads one global property, converted to Java; {@code null} when absent or undefined. Runs under
     * the context's {@link ContextOptions#runOptions() run options}.
     *
     * @throws NullPointerException when {@code name} is {@code null}
     * @throws JsException when a getter on the global object throws
     * @throws ContextBusyException when the context is running code on another thread
     * @throws ContextClosedException when the context is closed before or during the run
     * @throws ScriptTimeoutException when the run exceeds its timeout
     * @throws ResourceExhaustedException when the run exceeds its CPU-time or allocation limit
     */
    default @Nullable Object global(String name) {
        return global(name, RunOptions.defaults());
    }

    /**
     * Reads one global property under {@code runOptions} (each option not set there taken from the
     * context's {@link ContextOptions#runOptions() run options}). A getter on the global object is
     * guest code: the limits stop one that never returns, as they stop a script.
     *
     * @throws NullPointerException when an argument is {@code null}
     * @throws JsException when a getter on the global object throws
     * @throws ContextBusyException when the context is running code on another thread
     * @throws ContextClosedException when the context is closed before or during the run
     * @throws ScriptTimeoutException when the run exceeds its timeout
     * @throws ResourceExhaustedException when the run exceeds its CPU-time or allocation limit
     */
    @Nullable Object global(String name, RunOptions runOptions);

    /**
     * Sets one global property to a copy of {@code value}, under the context's run options.
     *
     * @throws NullPointerException when {@code name} is {@code null}
     * @throws InvalidArgumentException when {@code value} cannot be converted
     * @throws JsException when the property is read-only ({@code TypeError}) or a setter throws
     * @throws ContextBusyException when the context is running code on another thread
     * @throws ContextClosedException when the context is closed before or during the run
     * @throws ScriptTimeoutException when the run exceeds its timeout
     * @throws ResourceExhaustedException when the run exceeds its CPU-time or allocation limit
     */
    default void setGlobal(String name, @Nullable Object value) {
        setGlobal(name, value, RunOptions.defaults());
    }

    /**
     * Sets one global property to a copy of {@code value} under {@code runOptions}, completed as for
     * {@link #global(String, RunOptions)} (a setter on the global object is guest code).
     *
     * @throws NullPointerException when {@code name} or {@code runOptions} is {@code null}
     * @throws InvalidArgumentException when {@code value} cannot be converted
     * @throws JsException when the property is read-only ({@code TypeError}) or a setter throws
     * @throws ContextBusyException when the context is running code on another thread
     * @throws ContextClosedException when the context is closed before or during the run
     * @throws ScriptTimeoutException when the run exceeds its timeout
     * @throws ResourceExhaustedException when the run exceeds its CPU-time or allocation limit
     */
    void setGlobal(String name, @Nullable Object value, RunOptions runOptions);

    /**
     * A snapshot of the enumerable own properties of the global object, converted to Java, under the
     * context's run options.
     *
     * @throws JsException when a getter on the global object throws
     * @throws ContextBusyException when the context is running code on another thread
     * @throws ContextClosedException when the context is closed before or during the run
     * @throws ScriptTimeoutException when the run exceeds its timeout
     * @throws ResourceExhaustedException when the run exceeds its CPU-time or allocation limit
     */
    default Map<String, @Nullable Object> globals() {
        return globals(RunOptions.defaults());
    }

    /**
     * A snapshot of the enumerable own properties of the global object under {@code runOptions},
     * completed as for {@link #global(String, RunOptions)} (getters are guest code).
     *
     * @throws NullPointerException when {@code runOptions} is {@code null}
     * @throws JsException when a getter on the global object throws
     * @throws ContextBusyException when the context is running code on another thread
     * @throws ContextClosedException when the context is closed before or during the run
     * @throws ScriptTimeoutException when the run exceeds its timeout
     * @throws ResourceExhaustedException when the run exceeds its CPU-time or allocation limit
     */
    Map<String, @Nullable Object> globals(RunOptions runOptions);

    /** A live handle on the global object: define, describe, delete and list properties from the host. */
    GlobalObject globalObject();

    /**
     * What remains of the context's {@link ContextOptions#budget() budget}, as of the end of its last
     * run ({@link ContextBudget.Remaining#UNLIMITED} when it has none). Never waits for a run in
     * progress; readable from any thread, and after the context is closed.
     */
    ContextBudget.Remaining budgetRemaining();

    /** Whether the context is closed. */
    boolean isClosed();

    /**
     * Closes the context, cancelling code it is running; that run fails with a
     * {@link ContextClosedException}. Closed from inside its own run (a host function, an import
     * hook), it is closed when this returns, and the guest code is cancelled as soon as control
     * returns to it. Idempotent.
     */
    @Override
    void close();
}
