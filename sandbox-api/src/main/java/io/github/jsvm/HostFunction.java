package io.github.jsvm;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A Java function that guest code can call, passed to a context as a global, in a converted value
 * or as a function argument.
 *
 * <p>Arguments arrive converted to Java and the result is converted back (see {@link Vm}). If the
 * function throws, the guest sees an exception it may catch; if the guest does not catch it, the run
 * ends by rethrowing the original Java exception to the caller. The function runs on the thread
 * running the script, inside that run's timeout: the caller's thread, or a thread of the {@code Vm}'s
 * own when the caller is a worker of {@code ForkJoinPool.commonPool()} (whose thread locals the JDK
 * erases between tasks, which GraalVM's per-thread state cannot survive).
 *
 * <p>A context holds the functions handed to it for as long as its guest code can reach them, but
 * not the context itself: a function may capture its own {@code VmContext} without keeping a context
 * the application dropped from being collected and closed.
 */
@FunctionalInterface
public interface HostFunction {

    /** Computes the result for the given arguments. */
    @Nullable Object call(List<@Nullable Object> args) throws Exception;
}
