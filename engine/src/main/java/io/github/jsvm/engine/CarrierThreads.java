package io.github.jsvm.engine;

import io.github.jsvm.VmClosedException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs work that enters GraalVM contexts on a thread of the {@code Vm}'s own when the calling thread
 * erases its thread locals between tasks, as the workers of {@code ForkJoinPool.commonPool()} do
 * (JDK 17 and later: {@code CompletableFuture.supplyAsync} without an executor, parallel streams).
 * GraalVM keeps a thread's state in the contexts it entered partly in thread locals, so a context
 * entered from two tasks of one such thread breaks for good: runs see a fresh context as closed,
 * and closing it spins. Such a thread never enters a context here; it waits for a carrier thread
 * that does. Any other thread does the work itself, at the cost of one type check.
 *
 * <p>Carrier threads are daemons, created when needed and ended after ten idle seconds; host
 * functions called by code run this way run on them.
 */
final class CarrierThreads implements AutoCloseable {
    private static final String ERASING_WORKER = "java.util.concurrent.ForkJoinWorkerThread$InnocuousForkJoinWorkerThread";

    private final String vmName;
    private final ThreadPoolExecutor carriers;

    CarrierThreads(String vmName) {
        this.vmName = vmName;
        this.carriers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 10, TimeUnit.SECONDS, new SynchronousQueue<>(),
                Watchdog.daemonThreads(vmName + "-carrier"));
    }

    /** Whether {@code thread} erases its thread locals after each task (a worker of the common pool). */
    static boolean erasesThreadLocals(Thread thread) {
        return thread instanceof ForkJoinWorkerThread && thread.getClass().getName().equals(ERASING_WORKER);
    }

    /**
     * {@code work}'s result, computed on this thread, or on a carrier thread when this one erases its
     * thread locals. Exceptions reach the caller as thrown; like a lock, an interrupt does not end the
     * wait and is kept for the caller.
     */
    <T> T call(Supplier<T> work) {
        if (!erasesThreadLocals(Thread.currentThread())) {
            return work.get();
        }
        Future<T> carried;
        try {
            carried = carriers.submit(work::get);
        } catch (RejectedExecutionException closed) {
            throw new VmClosedException(vmName + " is closed");
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return carried.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable failure = e.getCause();
                    if (failure instanceof RuntimeException unchecked) {
                        throw unchecked;
                    }
                    if (failure instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException("work on a carrier thread failed", failure);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Takes no more work; work under way finishes on its carrier. */
    @Override
    public void close() {
        carriers.shutdown();
    }
}
