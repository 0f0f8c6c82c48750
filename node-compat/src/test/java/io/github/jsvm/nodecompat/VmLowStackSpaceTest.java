package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.FunctionOptions;
import io.github.jsvm.HostFunction;
import io.github.jsvm.JsFunction;
import io.github.jsvm.Vm;
import io.github.jsvm.VmContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Node's test that the vm works with almost no stack left: a function recurses until the stack
 * overflows and, in the {@code catch} right at the overflow, compiles and runs {@code () => 42} with
 * {@code vm.runInThisContext} (first case) or {@code vm.runInNewContext} (second case) and calls the
 * result, which must return 42 all the way up. The recursion is guest code; the vm call is a
 * {@link HostFunction} it calls in its {@code catch}. For the first case, jsvm's nearest to Node's
 * main context is the {@code Vm}'s main context, which {@code compileFunction} uses by default (a
 * script run in the recursing context itself would be a nested run, which jsvm refuses).
 */
@NodeTest("test/parallel/test-vm-low-stack-space.js")
class VmLowStackSpaceTest extends NodeVmTest {
    private static final String RECURSE = "function a() { try { return a(); } catch { return vmCall(); } } a()";

    @Test
    @DisplayName("test-vm-low-stack-space.js: at stack overflow, code compiled in the main context returns () => 42 and calling it gives 42")
    void mainContextAtLowStack() {
        HostFunction vmCall = args -> {
            JsFunction makeArrow = vm.compileFunction("return () => 42", List.of(), FunctionOptions.defaults());
            return ((JsFunction) makeArrow.call()).call();
        };
        try (VmContext context = vm.createContext(Map.of("vmCall", vmCall))) {
            assertThat(vm.compile(RECURSE).runInContext(context)).isEqualTo(42);
        }
    }

    @Test
    @DisplayName("test-vm-low-stack-space.js: at stack overflow, a new context runs () => 42 and calling it gives 42")
    void newContextAtLowStack() {
        HostFunction vmCall = args -> {
            try (VmContext fresh = vm.createContext()) {
                return ((JsFunction) vm.compile("() => 42").runInContext(fresh)).call();
            }
        };
        try (VmContext context = vm.createContext(Map.of("vmCall", vmCall))) {
            assertThat(vm.compile(RECURSE).runInContext(context)).isEqualTo(42);
        }
    }
}
