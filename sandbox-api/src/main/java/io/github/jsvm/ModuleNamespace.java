package io.github.jsvm;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The exports of a linked {@link Module}, read from Java. Reads are live: each
 * returns the export's current value, converted as described in {@link Vm}. Thread-safe; a read
 * waits for no run but fails with {@link ContextBusyException} while the context runs code.
 */
public interface ModuleNamespace {

    /** The module these exports belong to. */
    Module module();

    /**
     * The export names, sorted as JavaScript sorts namespace keys.
     *
     * @throws ModuleStatusException before evaluation, for a module whose exports the library cannot
     *     read ahead from its text (an unusual export form); they are known once it is evaluated
     * @throws ContextBusyException when the context is running code on another thread
     * @throws ContextClosedException when the context is closed
     */
    List<String> names();

    /**
     * The current value of export {@code name}, converted to Java. Before the module is evaluated, a
     * {@code var} export reads {@code null} (undefined) and a synthetic export what
     * {@link SyntheticModule#setExport} set (or {@code null}), as in Node.
     *
     * @throws NullPointerException when {@code name} is {@code null}
     * @throws InvalidArgumentException when the module has no such export
     * @throws JsException when the binding is not initialized yet (a {@code let}, {@code const} or
     *     {@code class} export before evaluation: a {@code ReferenceError})
     * @throws ModuleStatusException for an exported function declaration before evaluation (Node
     *     reads the function; GraalJS creates it only when it evaluates the module)
     * @throws ContextBusyException when the context is running code on another thread
     * @throws ContextClosedException when the context is closed
     */
    @Nullable Object get(String name);

    /**
     * All exports and their current values, converted, in {@link #names()} order.
     *
     * @throws ModuleStatusException before evaluation, as {@link #names()} and {@link #get} do
     * @throws JsException when a binding is not initialized yet, as {@link #get} does
     * @throws ContextBusyException when the context is running code on another thread
     * @throws ContextClosedException when the context is closed
     */
    Map<String, @Nullable Object> toMap();
}
