package io.github.jsvm;

/**
 * Thrown when a run exceeds the CPU-time or allocation limit of its {@link RunOptions}, or when the
 * host's heap ran out while the run was executing or converting guest code. The run was stopped;
 * the context stays usable, and state the script changed before it was stopped stays changed
 * (including what it allocated and still references: after {@link Resource#HOST_HEAP}, closing the
 * context is usually the way to get the memory back).
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

    /** Creates an exception for a run that exceeded {@code limit} of {@code resource}. */
    public ResourceExhaustedException(String message, Resource resource, long limit) {
        super(message);
        this.resource = Checks.notNull(resource, "resource");
        this.limit = limit;
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
