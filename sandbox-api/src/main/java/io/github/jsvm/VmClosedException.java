package io.github.jsvm;

/** Thrown when a {@link Vm} is used after {@link Vm#close()}. */
public class VmClosedException extends VmException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with the given message. */
    public VmClosedException(String message) {
        super(message);
    }
}
