package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jsvm.ContextBusyException;
import io.github.jsvm.FunctionOptions;
import io.github.jsvm.HostFunction;
import io.github.jsvm.JsFunction;
import io.github.jsvm.Script;
import io.github.jsvm.VmContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrencyTest extends SharedVmTest {
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
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // A function of the main context (no parsingContext) that blocks inside a host function.
        JsFunction blocking = vm.compileFunction("return block();", List.of("block"), FunctionOptions.defaults());
        HostFunction block = args -> {
            entered.countDown();
            return release.await(30, TimeUnit.SECONDS) ? "first done" : "released late";
        };
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CompletableFuture<Object> first = CompletableFuture.supplyAsync(() -> blocking.call(block), threads);
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
    void eightThreadsCompilingAndCallingFunctionsOfTheMainContextNeverSeeABusyError() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Object>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int n = i;
                calls.add(CompletableFuture.supplyAsync(
                        () -> vm.compileFunction("return a + " + (n % 7) + ";", List.of("a"), FunctionOptions.defaults()).call(n), pool));
            }
            for (int i = 0; i < calls.size(); i++) {
                assertThat(calls.get(i).get(60, TimeUnit.SECONDS)).isEqualTo(i + i % 7);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoThreadsRacingForOneContextGetTheDocumentedOutcomeEveryTime() throws Exception {
        // Either run succeeds or fails fast with ContextBusyException; never anything else, never a wrong result.
        try (VmContext context = vm.createContext()) {
            Script script = vm.compile("var n = (typeof n === 'number' ? n : 0) + 1; (() => { let s = 0; for (let i = 0; i < 2000; i++) s += i; return s; })()");
            var pool = Executors.newFixedThreadPool(2);
            try {
                int busy = 0;
                int completed = 0;
                for (int round = 0; round < 200; round++) {
                    List<CompletableFuture<Object>> racers = List.of(
                            CompletableFuture.supplyAsync(() -> attempt(script, context), pool),
                            CompletableFuture.supplyAsync(() -> attempt(script, context), pool));
                    for (CompletableFuture<Object> racer : racers) {
                        Object outcome = racer.get(30, TimeUnit.SECONDS);
                        if ("busy".equals(outcome)) {
                            busy++;
                        } else {
                            assertThat(outcome).isEqualTo(1999000);
                            completed++;
                        }
                    }
                }
                assertThat(completed).isGreaterThanOrEqualTo(200);
                assertThat(vm.compile("n").runInContext(context)).isEqualTo(completed);
                System.out.println("RACE 400 attempts: " + completed + " completed, " + busy + " refused as busy");
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static Object attempt(Script script, VmContext context) {
        try {
            return script.runInContext(context);
        } catch (ContextBusyException expected) {
            return "busy";
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
