package io.github.jsvm;

/**
 * Thrown when a context is used after it was closed, or when a run ends because its context was
 * closed (from another thread, or by closing the owning {@link Vm}) while it was running.
 */
public class ContextClosedException extends VmException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with the given message. */
    public ContextClosedException(String message) {
        super(message);
    }
}
