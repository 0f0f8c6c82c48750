package io.github.jsvm.jsr223;

/**
 * Thrown when a binding's value cannot be copied into a sandboxed context: only the values the
 * {@link io.github.jsvm.Vm} conversions accept (primitives, strings, maps, lists, arrays, host
 * functions, ...) can; an arbitrary Java object cannot. Names the binding and its type.
 */
public final class BindingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String bindingName;

    BindingException(String bindingName, Object value, RuntimeException cause) {
        super("binding '" + bindingName + "' (" + (value == null ? "null" : value.getClass().getName())
                + ") cannot be copied into the sandbox: " + cause.getMessage(), cause);
        this.bindingName = bindingName;
    }

    /** The name of the binding whose value was refused. */
    public String bindingName() {
        return bindingName;
    }
}
