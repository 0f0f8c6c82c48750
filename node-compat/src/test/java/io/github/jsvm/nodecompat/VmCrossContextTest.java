package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.FunctionOptions;
import io.github.jsvm.Vm;
import io.github.jsvm.VmContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Ports Node's check that a context made from the caller's own global object can run a function
 * that reads {@code console.log}. jsvm cannot hand a realm's global object itself to another
 * context; the enumerable globals of the Vm's main context (what a copy of it holds) stand in for it.
 */
@NodeTest("test/parallel/test-vm-cross-context.js")
class VmCrossContextTest extends NodeVmTest {

    @Test
    @DisplayName("test-vm-cross-context.js: a context made from the main context's global runs a function reading console.log without throwing")
    void contextFromMainGlobalRunsConsoleAccess() {
        @SuppressWarnings("unchecked")
        Map<String, Object> mainGlobal = (Map<String, Object>) vm.compileFunction(
                "return globalThis", List.of(), FunctionOptions.defaults()).call();
        try (VmContext ctx = vm.createContext(mainGlobal)) {
            assertThat(vm.compile("!function() { var x = console.log; }()").runInContext(ctx)).isEqualTo(true);
        }
    }
}
