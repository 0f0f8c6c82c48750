package io.github.jsvm;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A live handle on a context's global object for the host: what Node code does with a contextified
 * object (read, assign, delete, define with attributes, read descriptors, list own keys), while guest
 * code still never holds a host object. Values are copied both ways, as described in {@link Vm}.
 *
 * <p>Each operation is a short run in the context under its {@link ContextOptions#runOptions() run
 * options} (getters, setters and proxies on the global object are guest code), so it fails with
 * {@link ContextBusyException} while the context runs code on another thread, and with
 * {@link ContextClosedException} once it is closed. Thread-safe.
 */
public interface GlobalObject {

    /** The context whose global object this is. */
    VmContext context();

    /**
     * The value of property {@code name} (own or inherited), converted; {@code null} when absent or undefined.
     *
     * @throws NullPointerException when {@code name} is {@code null}
     * @throws JsException when a getter throws
     * @throws ContextBusyException when the context is running code on another thread
     * @throws ContextClosedException when the context is closed
     * @throws ScriptTimeoutException when guest code on the global object exceeds the timeout
     * @throws ResourceExhaustedException when guest code on the global object exceeds the CPU-time or allocation limit
     */
    @Nullable Object get(String name);

    /**
     * Assigns {@code value} to property {@code name}, as {@code globalThis[name] = value} in strict code:
     * a setter runs.
     *
     *     * @throws NullPointerException when {@code name} is {@code null}
     * @throws InvalidArgumentException when {@code value} cannot be converted
     * @throws JsException when the property is read-only ({@code TypeError}, Node's wording) or a setter throws
     * @throws ContextBusyException when the context is running code on another thread
     * @throws ContextClosedException when the context is closed
     * @throws ScriptTimeoutException when guest code on the global object exceeds the timeout
     * @throws ResourceExhaustedException when guest code on the global object exceeds the CPU-time or allocation limit
     */
    void set(String name, @Nullable Object value);

    /**
     * Deletes own property {@code name}; whether it is gone (false for a non-configurable property).
     *
     * @throws NullPointerException when {@code name} is {@code null}
     * @throws JsException when a proxy trap on the global object throws
     * @throws ContextBusyException when the context is running code on another thread
     * @throws ContextClosedException when the context is closed
     * @throws ScriptTimeoutException when guest code on the global object exceeds the timeout
     * @throws ResourceExhaustedException when guest code on the global object exceeds the CPU-time or allocation limit
     */
    boolean delete(String name);

    /**
     * Whether the global object has an own property {@code name}.
     *
     * @throws NullPointerException when {@code name} is {@code null}
     * @throws JsException when a proxy trap on the global object throws
     * @throws ContextBusyException when the context is running code on another thread
     * @throws ContextClosedException when the context is closed
     * @throws ScriptTimeoutException when guest code on the global object exceeds the timeout
     * @throws ResourceExhaustedException when guest code on the global object exceeds the CPU-time or allocation limit
     */
    boolean hasOwn(String name);

    /**
     * Defines own property {@code name} with {@code descriptor}, as {@code Object.defineProperty}.
     *
     * @throws NullPointerException when an argument is {@code null}
     * @throws InvalidArgumentException when a value of {@code descriptor} cannot be converted
     * @throws JsException when the property cannot be redefined ({@code TypeError})
     * @throws ContextBusyException when the context is running code on another thread
     * @throws ContextClosedException when the context is closed
     * @throws ScriptTimeoutException when guest code on the global object exceeds the timeout
     * @throws ResourceExhaustedException when guest code on the global object exceeds the CPU-time or allocation limit
     */
    void defineProperty(String name, PropertyDescriptor descriptor);

    /**
     * The descriptor of own property {@code name}, or empty when there is none.
     *
     * @throws NullPointerException when {@code name} is {@code null}
     * @throws JsException when a proxy trap on the global object throws
     * @throws ContextBusyException when the context is running code on another thread
     * @throws ContextClosedException when the context is closed
     * @throws ScriptTimeoutException when guest code on the global object exceeds the timeout
     * @throws ResourceExhaustedException when guest code on the global object exceeds the CPU-time or allocation limit
     */
    Optional<PropertyDescriptor> getOwnPropertyDescriptor(String name);

    /**
     * The own property keys in JavaScript's order ({@code Reflect.ownKeys}): strings as themselves,
     * built-ins included, then symbols as their description text ({@code "Symbol(name)"}).
     *
     * @throws JsException when a proxy trap on the global object throws
     * @throws ContextBusyException when the context is running code on another thread
     * @throws ContextClosedException when the context is closed
     * @throws ScriptTimeoutException when guest code on the global object exceeds the timeout
     * @throws ResourceExhaustedException when guest code on the global object exceeds the CPU-time or allocation limit
     */
    List<String> ownKeys();
}
