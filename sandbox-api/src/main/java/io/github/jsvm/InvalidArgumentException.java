package io.github.jsvm;

/**
 * Thrown when an argument or option has a value the library cannot accept, for example a negative
 * timeout, a parameter name that is not a JavaScript identifier, or a global whose Java type has no
 * JavaScript counterpart. The message names the argument and the offending value.
 */
public class InvalidArgumentException extends VmException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with the given message. */
    public InvalidArgumentException(String message) {
        super(message);
    }
}
