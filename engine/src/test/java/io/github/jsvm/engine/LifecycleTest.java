package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jsvm.ContextClosedException;
import io.github.jsvm.HostFunction;
import io.github.jsvm.JsFunction;
import io.github.jsvm.Script;
import io.github.jsvm.Vm;
import io.github.jsvm.VmClosedException;
import io.github.jsvm.VmContext;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    @Test
    void aClosedContextRejectsWorkWithATypedError() {
        try (Vm vm = Vm.create()) {
            VmContext context = vm.createContext();
            JsFunction f = (JsFunction) vm.compile("() => 1").runInContext(context);
            context.close();
            context.close();
            assertThat(context.isClosed()).isTrue();
            assertThatThrownBy(() -> vm.compile("1").runInContext(context))
                    .isInstanceOf(ContextClosedException.class).hasMessageContaining("is closed");
            assertThatThrownBy(f::call).isInstanceOf(ContextClosedException.class);
            assertThatThrownBy(context::globals).isInstanceOf(ContextClosedException.class);
            assertThat(vm.isContext(context)).isTrue();
        }
    }

    @Test
    void aContextClosedByItsOwnHostCodeStopsTheRunAndReportsTheClose() {
        try (Vm vm = Vm.create()) {
            java.util.concurrent.atomic.AtomicReference<VmContext> self = new java.util.concurrent.atomic.AtomicReference<>();
            java.util.List<Boolean> closedSeenInside = new java.util.concurrent.CopyOnWriteArrayList<>();
            HostFunction closeMe = args -> {
                self.get().close();
                closedSeenInside.add(self.get().isClosed());
                return null;
            };
            // The timeout only bounds a failure: a run that went on after the close would end as a timeout.
            io.github.jsvm.RunOptions bounded = io.github.jsvm.RunOptions.withTimeout(Duration.ofSeconds(30));

            VmContext looping = vm.createContext(Map.of("closeMe", closeMe));
            self.set(looping);
            assertThatThrownBy(() -> vm.compile("closeMe(); for (;;) {}").runInContext(looping, bounded))
                    .isInstanceOf(ContextClosedException.class);
            assertThat(looping.isClosed()).isTrue();

            // A run that completes before the cancellation reaches it still reports the close, not a result.
            VmContext finishing = vm.createContext(Map.of("closeMe", closeMe));
            self.set(finishing);
            assertThatThrownBy(() -> vm.compile("closeMe(); 'kept running'").runInContext(finishing, bounded))
                    .isInstanceOf(ContextClosedException.class);
            assertThat(closedSeenInside).containsExactly(true, true);
            assertThatThrownBy(() -> vm.compile("1").runInContext(finishing)).isInstanceOf(ContextClosedException.class);
        }
    }

    @Test
    void closingFromAnotherThreadCancelsARunningScript() throws Exception {
        try (Vm vm = Vm.create()) {
            CountDownLatch started = new CountDownLatch(1);
            VmContext context = vm.createContext(Map.of("started", (HostFunction) args -> {
                started.countDown();
                return null;
            }));
            CompletableFuture<Object> run = CompletableFuture.supplyAsync(
                    () -> vm.compile("started(); while (true) {}").runInContext(context));
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            context.close();
            assertThatThrownBy(() -> run.get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(ContextClosedException.class);
        }
    }

    @Test
    void closingTheVmClosesItsContextsAndRejectsNewWork() {
        Vm vm = Vm.create();
        VmContext context = vm.createContext();
        Script script = vm.compile("1");
        vm.close();
        vm.close();
        assertThat(context.isClosed()).isTrue();
        assertThatThrownBy(() -> script.runInContext(context)).isInstanceOf(ContextClosedException.class);
        assertThatThrownBy(() -> vm.compile("1")).isInstanceOf(VmClosedException.class).hasMessageContaining("is closed");
        assertThatThrownBy(vm::createContext).isInstanceOf(VmClosedException.class);
    }

    @Test
    void aForgottenContextIsClosedAfterGarbageCollection() throws InterruptedException {
        try (Vm vm = Vm.create()) {
            GraalJsVm graal = (GraalJsVm) vm;
            createAndForget(vm);
            assertThat(graal.openContextCount()).isEqualTo(1);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (graal.openContextCount() > 0 && System.nanoTime() < deadline) {
                System.gc();
                Thread.sleep(10);
            }
            assertThat(graal.openContextCount()).as("contexts still open after GC").isZero();
        }
    }

    @Test
    void aForgottenContextWhoseHostFunctionsCaptureItIsClosedAfterGarbageCollection() throws InterruptedException {
        try (Vm vm = Vm.create()) {
            GraalJsVm graal = (GraalJsVm) vm;
            WeakReference<VmContext> forgotten = createCapturingAndForget(vm);
            assertThat(graal.openContextCount()).isEqualTo(1);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while ((graal.openContextCount() > 0 || !forgotten.refersTo(null)) && System.nanoTime() < deadline) {
                System.gc();
                Thread.sleep(10);
            }
            assertThat(forgotten.refersTo(null)).as("the context its own host functions capture was collected").isTrue();
            assertThat(graal.openContextCount()).as("contexts still open after GC").isZero();
        }
    }

    private static WeakReference<VmContext> createCapturingAndForget(Vm vm) {
        AtomicReference<VmContext> self = new AtomicReference<>();
        HostFunction open = args -> !self.get().isClosed();
        // One function given at creation, one set later, one handed over as an argument and kept by the guest.
        VmContext context = vm.createContext(Map.of("own", open));
        self.set(context);
        context.setGlobal("later", (HostFunction) args -> self.get().isClosed() ? 0 : 10);
        JsFunction keep = (JsFunction) vm.compile("(f) => { globalThis.kept = f; return f(); }").runInContext(context);
        assertThat(keep.call((HostFunction) args -> self.get().isClosed() ? 0 : 100)).isEqualTo(100);
        assertThat(vm.compile("(own() ? 1 : 0) + later() + kept()").runInContext(context)).isEqualTo(111);
        return new WeakReference<>(context);
    }

    private static void createAndForget(Vm vm) {
        VmContext context = vm.createContext(Map.of("payload", "x".repeat(1000)));
        vm.compile("var kept = payload + payload").runInContext(context);
    }
}
