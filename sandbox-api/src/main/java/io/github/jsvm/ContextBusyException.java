package io.github.jsvm;

/**
 * Thrown when a context is asked to run code while it is already running code.
 *
 * <p>A context runs one piece of code at a time. A second run requested by another thread while a
 * run is in progress fails fast with this exception instead of waiting; so does a nested run
 * requested from the running thread itself (for example from a {@link HostFunction} called by the
 * script). The running code is not affected. Use one context per thread, or a pool of contexts, to
 * run in parallel.
 */
public class ContextBusyException extends VmException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with the given message. */
    public ContextBusyException(String message) {
        super(message);
    }
}
