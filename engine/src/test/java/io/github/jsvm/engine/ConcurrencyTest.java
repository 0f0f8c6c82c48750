package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jsvm.ContextBusyException;
import io.github.jsvm.FunctionOptions;
import io.github.jsvm.HostFunction;
import io.github.jsvm.JsFunction;
import io.github.jsvm.RunOptions;
import io.github.jsvm.Script;
import io.github.jsvm.ScriptTimeoutException;
import io.github.jsvm.VmContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ConcurrencyTest extends SharedVmTest {
    /** A call of a function of the main context (no parsingContext) that blocks in a host function until released. */
    private final class MainContextHold {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final JsFunction blocking = vm.compileFunction("return block();", List.of("block"), FunctionOptions.defaults());
        private final HostFunction block = args -> {
            entered.countDown();
            return release.await(30, TimeUnit.SECONDS) ? "first done" : "released late";
        };

        Object call() {
            return blocking.call(block);
        }
    }

    @Test
    void aSecondRunOnABusyContextFailsFastAndTheFirstIsUnaffected() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HostFunction block = args -> {
            entered.countDown();
            return release.await(30, TimeUnit.SECONDS);
        };
        try (VmContext context = vm.createContext(Map.of("block", block))) {
            CompletableFuture<Object> first = CompletableFuture.supplyAsync(
                    () -> vm.compile("block() ? 'first done' : 'released late'").runInContext(context));
            assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> vm.compile("1").runInContext(context))
                    .isInstanceOf(ContextBusyException.class)
                    .hasMessageContaining("one piece of code at a time");
            assertThatThrownBy(() -> context.globals()).isInstanceOf(ContextBusyException.class);
            release.countDown();
            assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("first done");
            assertThat(vm.compile("2").runInContext(context)).isEqualTo(2);
        }
    }

    @Test
    void callersOfTheMainContextTakeTurnsInsteadOfFailingAsBusy() throws Exception {
        MainContextHold hold = new MainContextHold();
        CountDownLatch entered = hold.entered;
        CountDownLatch release = hold.release;
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CompletableFuture<Object> first = CompletableFuture.supplyAsync(hold::call, threads);
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
        Thread[] waiter = new Thread[1];
        CompletableFuture<Object> second = CompletableFuture.supplyAsync(() -> {
            waiter[0] = Thread.currentThread();
            return vm.compileFunction("return a * 2;", List.of("a"), FunctionOptions.defaults()).call(21);
        }, threads);
        // The second caller waits for its turn (it would have failed with ContextBusyException).
        for (int i = 0; i < 3000 && (waiter[0] == null || waiter[0].getState() != Thread.State.WAITING); i++) {
            Thread.sleep(1);
        }
        assertThat(waiter[0].getState()).isEqualTo(Thread.State.WAITING);
        assertThat(second).isNotDone();
        release.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("first done");
        assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo(42);
        threads.shutdown();
    }

    @Test
    void aQueuedRunOfTheMainContextSpendsItsTimeoutWaitingForItsTurn() throws Exception {
        MainContextHold hold = new MainContextHold();
        CountDownLatch entered = hold.entered;
        CountDownLatch release = hold.release;
        Script quick = vm.compile("6 * 7");
        ExecutorService threads = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<Object> first = CompletableFuture.supplyAsync(hold::call, threads);
            assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
            long timeoutsBefore = vm.stats().timeouts();
            // Queued behind a run with no limit, it would otherwise wait as long as that run lasts.
            assertThatThrownBy(() -> quick.runInThisContext(RunOptions.withTimeout(Duration.ofMillis(200))))
                    .isInstanceOfSatisfying(ScriptTimeoutException.class, timedOut -> {
                        assertThat(timedOut.timeout()).isEqualTo(Duration.ofMillis(200));
                        assertThat(timedOut.contextClosed()).isFalse();
                    })
                    .hasMessage("Script execution timed out after 200ms");
            assertThat(vm.stats().timeouts()).isEqualTo(timeoutsBefore + 1);
            assertThat(first).isNotDone();
            release.countDown();
            assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("first done");
            assertThat(quick.runInThisContext(RunOptions.withTimeout(Duration.ofMillis(200)))).isEqualTo(42);
        } finally {
            release.countDown();
            threads.shutdown();
        }
    }

    @Test
    void eightThreadsCompilingAndCallingFunctionsOfTheMainContextNeverSeeABusyError() throws Exception {
        // The first call holds the main context until all eight threads have started a call of their
        // own: the other seven are then inside compileFunction or call while it runs there, so they
        // contended for it (run one after the other, the first call would wait for them in vain).
        int threadCount = 8;
        CountDownLatch allCalling = new CountDownLatch(threadCount);
        HostFunction holdUntilAllCall = args -> allCalling.await(30, TimeUnit.SECONDS) ? "held" : "nobody else came";
        ExecutorService pool = Executors.newFixedThreadPool(threadCount);
        try {
            JsFunction holding = vm.compileFunction("return hold();", List.of("hold"), FunctionOptions.defaults());
            CompletableFuture<Object> held = CompletableFuture.supplyAsync(() -> {
                allCalling.countDown();
                return holding.call(holdUntilAllCall);
            }, pool);
            List<CompletableFuture<Object>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int n = i;
                calls.add(CompletableFuture.supplyAsync(() -> {
                    allCalling.countDown(); // counts the pool's first seven tasks, each on a thread of its own
                    return vm.compileFunction("return a + " + (n % 7) + ";", List.of("a"), FunctionOptions.defaults()).call(n);
                }, pool));
            }
            assertThat(held.get(60, TimeUnit.SECONDS)).isEqualTo("held");
            for (int i = 0; i < calls.size(); i++) {
                assertThat(calls.get(i).get(60, TimeUnit.SECONDS)).isEqualTo(i + i % 7);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoThreadsRacingForOneContextGetTheDocumentedOutcomeEveryTime() throws Exception {
        // Both threads start together and race for the context; whichever gets in holds it (in a host
        // function) until the other has tried, so every round overlaps: exactly one run completes with
        // the right result and the other fails fast with ContextBusyException. Run one after the other,
        // the winner would wait in vain and the round would fail.
        AtomicReference<CountDownLatch> loserTried = new AtomicReference<>();
        HostFunction holdUntilTheOtherTried = args -> loserTried.get().await(30, TimeUnit.SECONDS) ? "other tried" : "alone";
        try (VmContext context = vm.createContext(Map.of("hold", holdUntilTheOtherTried))) {
            Script script = vm.compile("var n = (typeof n === 'number' ? n : 0) + 1; hold() === 'other tried' && "
                    + "(() => { let s = 0; for (let i = 0; i < 2000; i++) s += i; return s; })()");
            var pool = Executors.newFixedThreadPool(2);
            try {
                int rounds = 200;
                int busy = 0;
                int completed = 0;
                for (int round = 0; round < rounds; round++) {
                    CountDownLatch tried = new CountDownLatch(1);
                    loserTried.set(tried);
                    CyclicBarrier start = new CyclicBarrier(2);
                    List<CompletableFuture<Object>> racers = List.of(
                            CompletableFuture.supplyAsync(() -> attempt(script, context, start, tried), pool),
                            CompletableFuture.supplyAsync(() -> attempt(script, context, start, tried), pool));
                    for (CompletableFuture<Object> racer : racers) {
                        Object outcome = racer.get(60, TimeUnit.SECONDS);
                        if ("busy".equals(outcome)) {
                            busy++;
                        } else {
                            assertThat(outcome).as("round %d", round).isEqualTo(1999000);
                            completed++;
                        }
                    }
                }
                assertThat(completed).isEqualTo(rounds);
                assertThat(busy).isEqualTo(rounds);
                assertThat(vm.compile("n").runInContext(context)).isEqualTo(completed);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static Object attempt(Script script, VmContext context, CyclicBarrier start, CountDownLatch tried) {
        try {
            start.await(30, TimeUnit.SECONDS);
            return script.runInContext(context);
        } catch (ContextBusyException expected) {
            tried.countDown();
            return "busy";
        } catch (Exception barrier) {
            throw new IllegalStateException(barrier);
        }
    }

    @Test
    void nestedRunsFromHostFunctionsAreRejected() {
        try (VmContext context = vm.createContext()) {
            Script inner = vm.compile("'inner'");
            context.setGlobal("reenter", (HostFunction) args -> inner.runInContext(context));
            assertThatThrownBy(() -> vm.compile("reenter()").runInContext(context))
                    .isInstanceOf(ContextBusyException.class)
                    .hasMessageContaining("nested runs");
            assertThat(vm.compile("try { reenter() } catch (e) { 'guest caught it' }").runInContext(context))
                    .isEqualTo("guest caught it");
        }
    }

    @Test
    void differentContextsRunInParallel() throws Exception {
        CyclicBarrier bothInside = new CyclicBarrier(2);
        HostFunction meet = args -> bothInside.await(30, TimeUnit.SECONDS);
        Script script = vm.compile("meet(); 'met'");
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (VmContext a = vm.createContext(Map.of("meet", meet)); VmContext b = vm.createContext(Map.of("meet", meet))) {
            CompletableFuture<Object> inA = CompletableFuture.supplyAsync(() -> script.runInContext(a), threads);
            CompletableFuture<Object> inB = CompletableFuture.supplyAsync(() -> script.runInContext(b), threads);
            assertThat(inA.get(30, TimeUnit.SECONDS)).isEqualTo("met");
            assertThat(inB.get(30, TimeUnit.SECONDS)).isEqualTo("met");
        } finally {
            threads.shutdownNow();
        }
    }
}
