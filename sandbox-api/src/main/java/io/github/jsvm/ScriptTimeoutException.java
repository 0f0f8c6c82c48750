package io.github.jsvm;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a run exceeds the timeout of its {@link RunOptions}. The run was stopped; the context
 * stays usable (unless {@link #contextClosed()}), and state the script changed before it was
 * stopped stays changed.
 *
 * <p>The message is Node's ({@code "Script execution timed out after 100ms"}), so that code
 * matching on it keeps working; the details are in the accessors.
 */
public class ScriptTimeoutException extends VmException {
    private static final long serialVersionUID = 1L;
    private final Duration timeout;
    private final @Nullable String context;
    private final boolean contextClosed;

    /** Creates an exception for a run stopped after {@code timeout}, with its own message and no details. */
    public ScriptTimeoutException(String message, Duration timeout) {
        super(message);
        this.timeout = Checks.notNull(timeout, "timeout");
        this.context = null;
        this.contextClosed = false;
    }

    /**
     * Creates an exception for a run in {@code context} (a description) stopped after {@code timeout},
     * with Node's message; {@code contextClosed} when the run resisted and its context was closed to end it.
     */
    public ScriptTimeoutException(Duration timeout, String context, boolean contextClosed) {
        super("Script execution timed out after " + Checks.notNull(timeout, "timeout").toMillis() + "ms");
        this.timeout = timeout;
        this.context = context;
        this.contextClosed = contextClosed;
    }

    /** The timeout that was exceeded. */
    public Duration timeout() {
        return timeout;
    }

    /** The context the run was in (for example {@code "context 3 of jsvm-1"}), or {@code null} when not known. */
    public @Nullable String context() {
        return context;
    }

    /**
     * Whether the run could not be interrupted (it was blocked in a host function, or the engine no
     * longer answered) and its context was closed to end it.
     */
    public boolean contextClosed() {
        return contextClosed;
    }
}
