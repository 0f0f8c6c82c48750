package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jsvm.ContextOptions;
import io.github.jsvm.HostFunction;
import io.github.jsvm.JsException;
import io.github.jsvm.Script;
import io.github.jsvm.VmContext;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** {@link ContextOptions#maxStackDepth()}: the guest's {@code RangeError} at that depth, whatever the host thread's stack. */
class StackDepthTest extends SharedVmTest {
    /** Recurses until stopped; answers whether a RangeError stopped it, its message and the deepest frame reached (the top level is frame 1). */
    private static final String RECURSE = """
            var deepest = 0;
            function down(n) { deepest = n; down(n + 1); }
            var outcome;
            try { down(2); outcome = 'no error'; } catch (e) { outcome = (e instanceof RangeError) + ':' + e.message; }
            outcome + ':' + deepest
            """;

    private static ContextOptions depth(int frames) {
        return ContextOptions.builder().maxStackDepth(frames).build();
    }

    @Test
    void theCallOnePastTheDepthThrowsTheGuestsRangeErrorAndTheContextStaysUsable() {
        Script recurse = vm.compile(RECURSE);
        try (VmContext context = vm.createContext(Map.of(), depth(100))) {
            assertThat(recurse.runInContext(context)).isEqualTo("true:Maximum call stack size exceeded:100");
            assertThat(recurse.runInContext(context)).as("every run starts at the top again").isEqualTo("true:Maximum call stack size exceeded:100");
            assertThat(vm.compile("(function f(n) { return n === 0 ? 'ok' : f(n - 1); })(90)").runInContext(context)).isEqualTo("ok");
        }
        try (VmContext context = vm.createContext(Map.of(), depth(300))) {
            assertThat(recurse.runInContext(context)).isEqualTo("true:Maximum call stack size exceeded:300");
        }
    }

    @Test
    void aRefusedCallLeavesTheDepthAsItFoundItWithinTheRun() {
        try (VmContext context = vm.createContext(Map.of(), depth(100))) {
            assertThat(vm.compile("""
                    var deepest = 0;
                    function down(n) { deepest = n; down(n + 1); }
                    var reached = [];
                    for (var i = 0; i < 5; i++) { deepest = 0; try { down(2); } catch (e) { reached.push(deepest); } }
                    reached.join()
                    """).runInContext(context)).isEqualTo("100,100,100,100,100");
        }
    }

    @Test
    void uncaughtItIsARangeErrorForTheCaller() {
        try (VmContext context = vm.createContext(Map.of(), depth(50))) {
            assertThatThrownBy(() -> vm.compile("function f() { f(); } f()").runInContext(context))
                    .isInstanceOfSatisfying(JsException.class, e -> {
                        assertThat(e.errorName()).isEqualTo("RangeError");
                        assertThat(e.errorMessage()).isEqualTo("Maximum call stack size exceeded");
                    });
            assertThat(vm.compile("1 + 1").runInContext(context)).isEqualTo(2);
        }
    }

    @Test
    void framesThatReturnThrowOrSuspendLeaveTheDepthAsTheyFoundIt() {
        try (VmContext context = vm.createContext(Map.of(), depth(20))) {
            Object result = vm.compile("""
                    function thrower() { throw new Error('x'); }
                    var caught = 0;
                    for (var i = 0; i < 1000; i++) { try { thrower(); } catch (e) { caught++; } }
                    function* gen() { for (var j = 0; j < 1000; j++) { yield j; } }
                    var sum = 0;
                    for (var v of gen()) { sum += v; }
                    var awaited = 0;
                    (async function () { for (var k = 0; k < 1000; k++) { await k; awaited++; } })();
                    [1, 2, 3].map(function (x) { return x * 2; });
                    0
                    """).runInContext(context);
            assertThat(result).isEqualTo(0);
            assertThat(vm.compile("caught + ':' + sum + ':' + awaited").runInContext(context)).isEqualTo("1000:499500:1000");
            assertThat(vm.compile(RECURSE).runInContext(context)).isEqualTo("true:Maximum call stack size exceeded:20");
        }
    }

    @Test
    void contextsWithoutADepthAndRunsNestedInOtherContextsAreNotCounted() {
        Script recurse = vm.compile("(function f(n) { return n === 0 ? 'deep' : f(n - 1); })(300)");
        try (VmContext limited = vm.createContext(Map.of(), depth(10)); VmContext free = vm.createContext()) {
            assertThat(recurse.runInContext(free)).isEqualTo("deep");
            HostFunction nested = args -> recurse.runInContext(free);
            limited.setGlobal("nested", nested);
            assertThat(vm.compile("(function a() { return (function b() { return nested(); })(); })()").runInContext(limited))
                    .as("a run of another context on the same thread counts on its own").isEqualTo("deep");
            assertThat(vm.compile(RECURSE).runInContext(limited)).as("and the outer run's depth is restored")
                    .isEqualTo("true:Maximum call stack size exceeded:10");
        }
    }

    /** Runs {@code work} on a new thread with a 512 KB stack, the host's limit rather than the guest's. */
    private static Object onSmallStack(Supplier<Object> work) throws InterruptedException {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread small = new Thread(null, () -> {
            try {
                result.set(work.get());
            } catch (Throwable failure) {
                result.set(failure);
            }
        }, "small-stack", 512 * 1024);
        small.start();
        small.join();
        return result.get();
    }

    @Test
    void onASmallHostStackTheDepthNotTheHostStackIsTheLimit() throws InterruptedException {
        Script recurse = vm.compile(RECURSE);
        Object unlimited;
        try (VmContext context = vm.createContext()) {
            unlimited = onSmallStack(() -> recurse.runInContext(context));
            assertThat(unlimited).as("the host thread's stack overflows into a guest RangeError, never a StackOverflowError")
                    .isInstanceOf(String.class).asString().startsWith("true:");
        }
        int hostDeepest = Integer.parseInt(((String) unlimited).substring(((String) unlimited).lastIndexOf(':') + 1));
        assertThat(hostDeepest).isGreaterThan(20);
        int limit = hostDeepest / 2;
        try (VmContext context = vm.createContext(Map.of(), depth(limit))) {
            assertThat(onSmallStack(() -> recurse.runInContext(context))).isEqualTo("true:Maximum call stack size exceeded:" + limit);
        }
    }
}
