package io.github.jsvm.engine;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits, inside a run, for a {@link CompletionStage} that host code returned (an import hook's module,
 * a synthetic module's asynchronous evaluation step), while the run's limits or a close can still
 * stop the wait.
 */
final class StageWaiter {
    private static final long POLL_MILLIS = 50;

    private StageWaiter() {}

    /** The stage's value, or its failure's cause thrown; polls {@code context}'s stop requests meanwhile. */
    static Object await(GraalContext context, CompletionStage<?> stage) throws Exception {
        Future<?> future = stage.toCompletableFuture();
        while (true) {
            context.runner().checkNotStopped();
            try {
                return future.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException notYet) {
                // poll the limits again
            } catch (ExecutionException failed) {
                throw failed.getCause() instanceof Exception cause ? cause : failed;
            }
        }
    }
}
