package io.github.jsvm;

/**
 * Thrown when a run exceeds the CPU-time, allocation or statement limit of its {@link RunOptions} or
 * the {@link ContextBudget} of its context ({@link #isContextBudget()}), or when the
 * host's heap ran out while the run was executing or converting guest code. The run was stopped;
 * the context stays usable, and state the script changed before it was stopped stays changed.
 * Except after {@link Resource#HOST_HEAP}: then the context is closed, since what its code still
 * references may be what filled the heap, and an engine that met an {@code OutOfMemoryError} half
 * way through its own work is not to be trusted with another run. (An {@code OutOfMemoryError}
 * thrown by a {@link HostFunction} or hook is the host's own: the guest sees an ordinary error, and
 * when it lets it through, the run ends with {@code HOST_HEAP} and the context stays open.)
 */
public class ResourceExhaustedException extends VmException {
    private static final long serialVersionUID = 1L;

    /** The limited resources. */
    public enum Resource {
        /** CPU time of the running thread, limit in nanoseconds. */
        CPU_TIME,
        /** Bytes allocated by the running thread, limit in bytes. */
        ALLOCATED_BYTES,
        /** The host JVM's heap ({@code OutOfMemoryError}), limit the maximum heap in bytes. */
        HOST_HEAP,
        /** JavaScript statements executed ({@link RunOptions#statementLimit()}), limit a count. */
        STATEMENTS
    }

    private final Resource resource;
    private final long limit;
    private final boolean contextBudget;

    /** Creates an exception for a run that exceeded {@code limit} of {@code resource}, a limit of the run's own. */
    public ResourceExhaustedException(String message, Resource resource, long limit) {
        this(message, resource, limit, false);
    }

    /**
     * Creates an exception for a run that exceeded {@code limit} of {@code resource}: the context's
     * budget when {@code contextBudget}, else a limit of the run's own.
     */
    public ResourceExhaustedException(String message, Resource resource, long limit, boolean contextBudget) {
        super(message);
        this.resource = Checks.notNull(resource, "resource");
        this.limit = limit;
        this.contextBudget = contextBudget;
    }

    /**
     * Whether the limit was the context's {@link ContextBudget}, spent across its runs (then
     * {@link #limit()} is the whole budget, and every later run of the context fails the same way),
     * rather than a limit of the run itself.
     */
    public boolean isContextBudget() {
        return contextBudget;
    }

    /** The resource whose limit was exceeded. */
    public Resource resource() {
        return resource;
    }

    /** The limit that was exceeded: nanoseconds for CPU time, bytes for allocation and the host heap. */
    public long limit() {
        return limit;
    }
}
