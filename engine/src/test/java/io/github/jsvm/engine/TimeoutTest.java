package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jsvm.JsFunction;
import io.github.jsvm.Module;
import io.github.jsvm.ModuleOptions;
import io.github.jsvm.ModuleStatus;
import io.github.jsvm.RunOptions;
import io.github.jsvm.ScriptTimeoutException;
import io.github.jsvm.SourceTextModule;
import io.github.jsvm.Vm;
import io.github.jsvm.VmContext;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeoutTest extends SharedVmTest {
    private static final Duration TIMEOUT = Duration.ofMillis(200);
    /* Generous: proves the watchdog stopped the run, without betting on a quiet machine. */
    private static final Duration STOPPED_WITHIN = Duration.ofSeconds(5);

    @Test
    void infiniteLoopIsStoppedAndTheContextStaysUsable() {
        try (VmContext context = vm.createContext()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> vm.compile("var before = 1; while (true) {}").runInContext(context, RunOptions.withTimeout(TIMEOUT)))
                    .isInstanceOfSatisfying(ScriptTimeoutException.class, e -> {
                        assertThat(e.timeout()).isEqualTo(TIMEOUT);
                        assertThat(e.getMessage()).isEqualTo("Script execution timed out after 200ms"); // Node's wording
                        assertThat(e.context()).isEqualTo(((GraalContext) context).runner().description());
                        assertThat(e.contextClosed()).isFalse();
                    });
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            assertThat(elapsed).isGreaterThanOrEqualTo(TIMEOUT).isLessThan(STOPPED_WITHIN);
            assertThat(vm.compile("before + 1").runInContext(context)).isEqualTo(2);
            assertThat(vm.compile("'still fine'").runInContext(context, RunOptions.withTimeout(TIMEOUT))).isEqualTo("still fine");
        }
    }

    @Test
    void loopsInsidePromiseJobsAreCoveredByTheTimeout() {
        try (VmContext context = vm.createContext()) {
            assertThatThrownBy(() -> vm.compile("Promise.resolve().then(() => { while (true) {} }); 'returned'")
                    .runInContext(context, RunOptions.withTimeout(TIMEOUT)))
                    .isInstanceOf(ScriptTimeoutException.class);
            assertThat(vm.compile("1 + 1").runInContext(context)).isEqualTo(2);
        }
    }

    @Test
    void promiseJobsRunBeforeTheRunReturns() {
        try (VmContext context = vm.createContext()) {
            vm.compile("globalThis.order = []; Promise.resolve().then(() => order.push('job')); order.push('sync')")
                    .runInContext(context);
            assertThat(context.global("order")).isEqualTo(List.of("sync", "job"));
        }
    }

    @Test
    void functionCallsHaveTimeoutsToo() {
        try (VmContext context = vm.createContext()) {
            JsFunction spin = (JsFunction) vm.compile("() => { for (;;) {} }").runInContext(context);
            assertThatThrownBy(() -> spin.call(List.of(), RunOptions.withTimeout(TIMEOUT)))
                    .isInstanceOf(ScriptTimeoutException.class);
        }
    }

    @Test
    void anExpiringDeadlineNeverHitsTheNextRun() {
        try (VmContext context = vm.createContext()) {
            var shortRun = vm.compile("(() => { let s = 0; for (let i = 0; i < 2000; i++) s += i; return s; })()");
            var nextRun = vm.compile("'next run completed'");
            for (int i = 0; i < 300; i++) {
                try {
                    shortRun.runInContext(context, RunOptions.withTimeout(Duration.ofNanos(200_000 + 10_000 * (i % 20))));
                } catch (ScriptTimeoutException expectedSometimes) {
                    // The race between finishing and the deadline is the point of this test.
                }
                assertThat(nextRun.runInContext(context)).isEqualTo("next run completed");
            }
        }
    }

    @Test
    void manyTimedRunsShareOneWatchdogInsteadOfAThreadEach() throws Exception {
        try (Vm own = Vm.create(); VmContext context = own.createContext()) {
            var loop = own.compile("while (true) {}");
            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(() -> loop.runInContext(context, RunOptions.withTimeout(Duration.ofMillis(20))))
                        .isInstanceOf(ScriptTimeoutException.class);
            }
            for (int i = 0; i < 200; i++) {
                own.compile("1").runInContext(context, RunOptions.withTimeout(TIMEOUT));
            }
            String prefix = own.toString().replace("Vm[", "").replace("]", "") + "-";
            long watchdogThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().startsWith(prefix))
                    .count();
            assertThat(watchdogThreads).as("threads of %s", own).isBetween(1L, 3L);
        }
    }

    @Test
    void convertingAHugeSparseArrayIsCoveredByTheTimeoutAndAllocatesNothingUpFront() {
        try (VmContext context = vm.createContext()) {
            assertThatThrownBy(() -> vm.compile("const a = [1]; a.length = 2 ** 31 - 10; a")
                    .runInContext(context, RunOptions.withTimeout(TIMEOUT)))
                    .isInstanceOf(ScriptTimeoutException.class);
        }
    }

    @Test
    void timeoutsMustBePositive() {
        assertThatThrownBy(() -> RunOptions.withTimeout(Duration.ZERO))
                .isInstanceOf(io.github.jsvm.InvalidArgumentException.class)
                .hasMessage("timeout must be positive, was PT0S");
        assertThatThrownBy(() -> RunOptions.builder().timeout(Duration.ofMillis(-1)))
                .isInstanceOf(io.github.jsvm.InvalidArgumentException.class);
    }

    /** A stuck interrupt (as seen after an OutOfMemoryError), a failing one and a swallowed one: the run still ends, by closing its context. */
    @Test
    void aRunThatCannotBeInterruptedEndsWithinItsBoundByClosingItsContext() {
        RunGuard.Interrupter stuck = (polyglot, wait) -> {
            java.util.concurrent.locks.LockSupport.parkNanos(wait.toNanos());
            throw new java.util.concurrent.TimeoutException("injected: the interrupt never lands");
        };
        RunGuard.Interrupter failing = (polyglot, wait) -> {
            throw new OutOfMemoryError("injected: the interrupt failed");
        };
        RunGuard.Interrupter swallowed = (polyglot, wait) -> {
            // returns as if the interrupt had landed, but the run goes on (as when guest code swallows it)
        };
        for (RunGuard.Interrupter interrupter : List.of(stuck, failing, swallowed)) {
            VmContext context = vm.createContext();
            ContextRunner runner = ((GraalContext) context).runner();
            runner.interrupter = interrupter;
            runner.cancelAfter = Duration.ofMillis(600);
            long start = System.nanoTime();
            assertThatThrownBy(() -> vm.compile("for (;;) {}").runInContext(context, RunOptions.withTimeout(Duration.ofMillis(100))))
                    .isInstanceOfSatisfying(ScriptTimeoutException.class, e -> assertThat(e.contextClosed()).isTrue())
                    .hasMessage("Script execution timed out after 100ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
            assertThat(context.isClosed()).isTrue();
            assertThat(vm.compile("6 * 7").runInNewContext(java.util.Map.of())).as("the Vm still works").isEqualTo(42);
        }
    }

    /**
     * Stops that cannot land (runs blocked where an interrupt does not reach) must not hold up the stop
     * of any other run: with the stoppers all busy, a memory bomb's stop would wait and the bomb go on
     * allocating. Three stuck stops: more than any fixed pool this Vm used to have.
     */
    @Test
    void aStopThatCannotLandNeverDelaysAnotherRunsStop() throws Exception {
        int stuckRuns = 3;
        java.util.concurrent.CountDownLatch stuck = new java.util.concurrent.CountDownLatch(stuckRuns);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        RunGuard.Interrupter stuckUntilReleased = (polyglot, wait) -> {
            stuck.countDown();
            try {
                if (release.await(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    polyglot.interrupt(wait);
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new java.util.concurrent.TimeoutException("injected: the interrupt does not land yet");
        };
        java.util.concurrent.ExecutorService runners = java.util.concurrent.Executors.newCachedThreadPool();
        List<VmContext> contexts = new java.util.ArrayList<>();
        try {
            List<java.util.concurrent.Future<?>> stuckRunsEnded = new java.util.ArrayList<>();
            for (int i = 0; i < stuckRuns; i++) {
                VmContext context = vm.createContext();
                contexts.add(context);
                ContextRunner runner = ((GraalContext) context).runner();
                runner.interrupter = stuckUntilReleased;
                runner.cancelAfter = Duration.ofMinutes(5);
                stuckRunsEnded.add(runners.submit(() -> vm.compile("for (;;) {}").runInContext(context, RunOptions.withTimeout(Duration.ofMillis(50)))));
            }
            assertThat(stuck.await(30, java.util.concurrent.TimeUnit.SECONDS)).as("all stuck stops started").isTrue();

            VmContext other = vm.createContext();
            contexts.add(other);
            java.util.concurrent.Future<?> otherRun = runners.submit(() -> vm.compile("for (;;) {}").runInContext(other, RunOptions.withTimeout(Duration.ofMillis(50))));
            assertThatThrownBy(() -> otherRun.get(30, java.util.concurrent.TimeUnit.SECONDS))
                    .as("the other run is stopped while the stuck stops still wait")
                    .hasCauseInstanceOf(ScriptTimeoutException.class);
            assertThat(stuckRunsEnded).noneMatch(java.util.concurrent.Future::isDone);

            release.countDown();
            for (java.util.concurrent.Future<?> run : stuckRunsEnded) {
                assertThatThrownBy(() -> run.get(30, java.util.concurrent.TimeUnit.SECONDS)).hasCauseInstanceOf(ScriptTimeoutException.class);
            }
        } finally {
            release.countDown();
            contexts.forEach(VmContext::close);
            runners.shutdownNow();
        }
    }

    @Test
    void anAwaitingModuleWhoseResumedBodyAStopCutsShortEndsErroredWithTheStopAndSoDoModulesWaitingForIt() {
        try (VmContext context = vm.createContext()) {
            SourceTextModule looping = vm.sourceTextModule(
                    "await new Promise((resolve) => { globalThis.loop = resolve; }); for (;;) {} export const never = 1;",
                    ModuleOptions.builder().context(context).identifier("looping").build());
            SourceTextModule parent = vm.sourceTextModule("import { never } from 'looping'; export const p = never;",
                    ModuleOptions.builder().context(context).identifier("parent").build());
            SourceTextModule unrelated = vm.sourceTextModule(
                    "export const value = await new Promise((resolve) => { globalThis.finish = resolve; });",
                    ModuleOptions.builder().context(context).identifier("unrelated").build());
            parent.link((specifier, referrer, attributes) -> looping);
            parent.evaluate();
            unrelated.link();
            unrelated.evaluate();
            assertThat(List.of(looping, parent, unrelated)).extracting(Module::status).containsOnly(ModuleStatus.EVALUATING);

            assertThatThrownBy(() -> vm.compile("loop()").runInContext(context, RunOptions.withTimeout(TIMEOUT)))
                    .isInstanceOfSatisfying(ScriptTimeoutException.class, stop -> {
                        assertThat(looping.status()).isEqualTo(ModuleStatus.ERRORED);
                        assertThat(looping.error()).isSameAs(stop);
                        assertThat(parent.status()).isEqualTo(ModuleStatus.ERRORED);
                        assertThat(parent.error()).isSameAs(stop);
                    });
            assertThatThrownBy(looping::evaluate).isInstanceOf(ScriptTimeoutException.class);
            assertThat(unrelated.status()).as("awaits something the stop did not touch").isEqualTo(ModuleStatus.EVALUATING);
            vm.compile("finish(42)").runInContext(context);
            assertThat(unrelated.status()).isEqualTo(ModuleStatus.EVALUATED);
            assertThat(unrelated.namespace().get("value")).isEqualTo(42);
        }
    }

    /** Stopping a run may interrupt its thread; that interrupt must end with the run, not reach the caller's next wait. */
    @Test
    void theInterruptThatStopsARunDoesNotOutliveIt() throws Exception {
        try (VmContext context = vm.createContext()) {
            for (String endless : List.of("for (;;) {}", "Promise.resolve().then(function again() { return Promise.resolve().then(again); })")) {
                assertThatThrownBy(() -> vm.compile(endless).runInContext(context, RunOptions.withTimeout(Duration.ofMillis(50))))
                        .isInstanceOf(ScriptTimeoutException.class);
                assertThat(Thread.currentThread().isInterrupted()).as("after %s", endless).isFalse();
                new java.util.concurrent.ArrayBlockingQueue<>(1, false, List.of("still usable")).take();
            }
        }
    }
}
