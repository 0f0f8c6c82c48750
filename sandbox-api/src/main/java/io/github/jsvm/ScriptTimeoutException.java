package io.github.jsvm;

import java.time.Duration;

/**
 * Thrown when a run exceeds the timeout of its {@link RunOptions}. The run was stopped; the context
 * stays usable, and state the script changed before it was stopped stays changed.
 */
public class ScriptTimeoutException extends VmException {
    private static final long serialVersionUID = 1L;
    private final Duration timeout;

    /** Creates an exception for a run stopped after {@code timeout}. */
    public ScriptTimeoutException(String message, Duration timeout) {
        super(message);
        this.timeout = timeout;
    }

    /** The timeout that was exceeded. */
    public Duration timeout() {
        return timeout;
    }
}
