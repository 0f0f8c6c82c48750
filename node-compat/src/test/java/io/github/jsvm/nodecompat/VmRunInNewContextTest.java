package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import io.github.jsvm.HostFunction;
import io.github.jsvm.JsException;
import io.github.jsvm.JsFunction;
import io.github.jsvm.VmContext;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Node's test of {@code vm.runInNewContext(code, sandbox)}: a string's completion value comes back,
 * a thrown error reaches the caller, an assignment in the new context does not touch the caller's
 * globals, values go in through the sandbox and come out on it, a function passed in is called by
 * reference, an object passed in is modified by the code, and a function created in the new context
 * keeps working after the caller dropped its context and a collection ran. Where Node reads a result
 * back from the sandbox object, the port creates the context itself ({@code createContext} then
 * {@code runInContext}, which is what {@code runInNewContext} does) and reads the global back, since
 * jsvm's {@code runInNewContext} closes its context when the run ends; the caller's own globals are
 * those of a second context. Values are copied into a context (jsvm has no live proxies), so the
 * object the code modified is read back from the context as well.
 */
@NodeTest("test/parallel/test-vm-run-in-new-context.js")
class VmRunInNewContextTest extends NodeVmTest {

    @Test
    @DisplayName("test-vm-run-in-new-context.js: running a string literal returns that string")
    void runsAString() {
        assertThat(vm.compile("'passed';").runInNewContext(Map.of())).isEqualTo("passed");
    }

    @Test
    @DisplayName("test-vm-run-in-new-context.js: an error thrown by the code is thrown to the caller")
    void thrownErrorReachesTheCaller() {
        assertThatThrownBy(() -> vm.compile("throw new Error('test');").runInNewContext(Map.of()))
                .isInstanceOf(JsException.class)
                .satisfies(e -> assertThat(((JsException) e).errorMessage()).isEqualTo("test"));
    }

    @Test
    @DisplayName("test-vm-run-in-new-context.js: assigning a global in the new context leaves the caller's global unchanged")
    void assignmentStaysInTheNewContext() {
        try (VmContext caller = vm.createContext(Map.of("hello", 5))) {
            vm.compile("hello = 2").runInNewContext(Map.of());
            assertThat(caller.global("hello")).isEqualTo(5);
        }
    }

    @Test
    @DisplayName("test-vm-run-in-new-context.js: sandbox values are visible to the code, and its assignments show on the sandbox, not in the caller")
    void valuesPassInAndOut() {
        String code = "foo = 1; bar = 2; if (baz !== 3) throw new Error('test fail');";
        try (VmContext caller = vm.createContext(Map.of("foo", 2));
                VmContext sandbox = vm.createContext(Map.of("foo", 0, "baz", 3))) {
            vm.compile(code).runInContext(sandbox);
            assertThat(sandbox.global("foo")).isEqualTo(1);
            assertThat(sandbox.global("bar")).isEqualTo(2);
            assertThat(caller.global("foo")).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("test-vm-run-in-new-context.js: a function passed in the sandbox is called and changes the caller's state")
    void callsAFunctionPassedIn() {
        AtomicInteger foo = new AtomicInteger(2);
        HostFunction changeFoo = args -> {
            foo.set(100);
            return null;
        };
        vm.compile("f()").runInNewContext(Map.of("f", changeFoo));
        assertThat(foo).hasValue(100);
    }

    @Test
    @DisplayName("test-vm-run-in-new-context.js: an object passed in the sandbox is modified in place by the code")
    void objectInTheSandboxIsModified() {
        try (VmContext sandbox = vm.createContext(Map.of("f", Map.of("a", 1)))) {
            vm.compile("f.a = 2").runInContext(sandbox);
            assertThat(sandbox.global("f")).asInstanceOf(MAP).containsEntry("a", 2);
        }
    }


    @Test
    @DisplayName("test-vm-run-in-new-context.js: a function made in a new context still works after the context is no longer referenced and a GC ran")
    void functionOutlivesItsContextReference() {
        JsFunction fn = functionFromAnUnreferencedContext();
        System.gc();
        try {
            fn.call();
            assertThat(fn.context().global("obj")).asInstanceOf(MAP).containsKey("p");
        } finally {
            fn.context().close();
        }
    }

    @SuppressWarnings("resource") // the context is deliberately left unreferenced, closed through the function
    private static JsFunction functionFromAnUnreferencedContext() {
        VmContext context = vm.createContext(Map.of("obj", Map.of()));
        return (JsFunction) vm.compile("(function() { obj.p = {}; })").runInContext(context);
    }
}
