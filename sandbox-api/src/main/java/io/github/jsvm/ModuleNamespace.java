package io.github.jsvm;

import java.util.List;
import java.util.Map;

/**
 * The exports of an evaluated (or evaluating) {@link Module}, read from Java. Reads are live: each
 * returns the export's current value, converted as described in {@link Vm}. Thread-safe; a read
 * waits for no run but fails with {@link ContextBusyException} while the context runs code.
 */
public interface ModuleNamespace {

    /** The module these exports belong to. */
    Module module();

    /** The export names, sorted as JavaScript sorts namespace keys. */
    List<String> names();

    /**
     * The current value of export {@code name}, converted to Java.
     *
     * @throws InvalidArgumentException when the module has no such export
     * @throws JsException when the binding is not initialized yet
     */
    Object get(String name);

    /** All exports and their current values, converted, in {@link #names()} order. */
    Map<String, Object> toMap();
}
