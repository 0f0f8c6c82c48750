package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.VmContext;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Node's regression test for issue 12300: a strict-mode assignment to a name the script never
 * declares, but which the sandbox provides, is an assignment to that global, not a
 * {@code ReferenceError}, and the new value shows on the sandbox (here: reads back from the context).
 */
@NodeTest("test/parallel/test-vm-strict-mode.js")
class VmStrictModeTest extends NodeVmTest {

    @Test
    @DisplayName("test-vm-strict-mode.js: a strict assignment to a sandbox-provided name does not throw and updates it")
    void strictAssignmentToSandboxName() {
        try (VmContext ctx = vm.createContext(Map.of("x", 42))) {
            vm.compile("\"use strict\"; x = 1").runInContext(ctx);
            assertThat(ctx.global("x")).isEqualTo(1);
        }
    }
}
