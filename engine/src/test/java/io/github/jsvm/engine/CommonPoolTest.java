package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.HostFunction;
import io.github.jsvm.Script;
import io.github.jsvm.Vm;
import io.github.jsvm.VmContext;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A {@code Vm} used from tasks of {@code ForkJoinPool.commonPool()}, whose threads erase their thread
 * locals after each task: GraalVM's per-thread state would be lost between tasks (fresh contexts
 * reported closed, closing spinning for good) but for {@link CarrierThreads}.
 */
class CommonPoolTest {
    private static <T> T inTask(Supplier<T> work) throws Exception {
        return CompletableFuture.supplyAsync(work).get(60, TimeUnit.SECONDS); // a hang fails the test
    }

    @Test
    void theCommonPoolsThreadsEraseTheirThreadLocals() throws Exception {
        // If a JDK stops erasing (or renames its worker class), the carriers are no longer needed there.
        assertThat(inTask(() -> CarrierThreads.erasesThreadLocals(Thread.currentThread()))).isTrue();
        assertThat(CarrierThreads.erasesThreadLocals(Thread.currentThread())).isFalse();
    }

    @Test
    void contextsUsedAndClosedAcrossTasksOfTheCommonPoolKeepWorkingAndTheVmCloses() throws Exception {
        Vm vm = inTask(Vm::create);
        try {
            for (int i = 0; i < 20; i++) {
                int n = i;
                VmContext context = inTask(() -> vm.createContext(Map.of("n", n)));
                Script script = inTask(() -> vm.compile("n * 2 + " + n));
                assertThat(inTask(() -> script.runInContext(context))).isEqualTo(3 * n);
                assertThat(inTask(() -> {
                    context.close();
                    return context.isClosed();
                })).isTrue();
                assertThat(inTask(() -> {
                    try (VmContext fresh = vm.createContext()) {
                        return vm.compile("6 * 7").runInContext(fresh);
                    }
                })).as("a fresh context after a close, round %d", n).isEqualTo(42);
                HostFunction sameThreadAsTheRun = args -> Thread.currentThread().getName();
                assertThat(inTask(() -> {
                    try (VmContext withHost = vm.createContext(Map.of("where", sameThreadAsTheRun))) {
                        return vm.compile("where()").runInContext(withHost);
                    }
                })).asString().contains("-carrier-");
            }
            assertThat(inTask(() -> vm.compile("1 + 1").runInThisContext())).isEqualTo(2);
        } finally {
            assertThat(inTask(() -> {
                vm.close();
                return "closed";
            })).isEqualTo("closed");
        }
    }
}
