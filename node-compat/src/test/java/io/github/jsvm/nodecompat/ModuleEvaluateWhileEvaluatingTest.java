package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.jsvm.HostFunction;
import io.github.jsvm.ModuleOptions;
import io.github.jsvm.ModuleStatusException;
import io.github.jsvm.SourceTextModule;
import io.github.jsvm.SyntheticModule;
import io.github.jsvm.VmContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Node's test of {@code evaluate()} called on a module while that module is evaluating: from a function
 * a {@code SourceTextModule}'s body calls, and from a {@code SyntheticModule}'s evaluation step, it throws
 * Node's {@code ERR_VM_MODULE_STATUS}, jsvm's {@link ModuleStatusException}; the function and the step
 * are each called once. Node's {@code globalThis.evaluate} is a host function in the module's context;
 * the module is linked with {@code linkRequests([])} and {@code instantiate()} as in Node, and the
 * synthetic module with {@code link()} (it has no requests).
 */
@NodeTest("test/parallel/test-vm-module-evaluate-while-evaluating.js")
class ModuleEvaluateWhileEvaluatingTest extends NodeVmTest {

    @Test
    @DisplayName("test-vm-module-evaluate-while-evaluating.js: a SourceTextModule's evaluate() from a function its body calls throws ERR_VM_MODULE_STATUS; the function is called once")
    void sourceTextModuleEvaluatedFromItsOwnEvaluation() {
        AtomicReference<SourceTextModule> mod = new AtomicReference<>();
        List<Throwable> thrown = new ArrayList<>();
        HostFunction evaluate = args -> {
            thrown.add(catchThrowable(() -> mod.get().evaluate()));
            return null;
        };
        try (VmContext context = vm.createContext(Map.of("evaluate", evaluate))) {
            mod.set(vm.sourceTextModule("globalThis.evaluate();\nexport const a = 42;", ModuleOptions.in(context)));
            mod.get().linkRequests(List.of());
            mod.get().instantiate();
            mod.get().evaluate();
            assertThat(thrown).hasSize(1);
            assertThat(thrown.get(0)).isInstanceOf(ModuleStatusException.class);
        }
    }

    @Test
    @DisplayName("test-vm-module-evaluate-while-evaluating.js: a SyntheticModule's evaluate() from its own evaluation step throws ERR_VM_MODULE_STATUS; the step is called once")
    void syntheticModuleEvaluatedFromItsOwnEvaluation() {
        List<Throwable> thrown = new ArrayList<>();
        SyntheticModule mod = vm.syntheticModule(List.of("a"), module -> thrown.add(catchThrowable(module::evaluate)), ModuleOptions.defaults());
        mod.link();
        mod.evaluate();
        assertThat(thrown).hasSize(1);
        assertThat(thrown.get(0)).isInstanceOf(ModuleStatusException.class);
    }
}
