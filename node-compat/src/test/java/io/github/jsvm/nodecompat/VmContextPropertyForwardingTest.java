package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.VmContext;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Ports Node's check that properties are forwarded both ways between the sandbox and the context:
 * a sandbox property reads as a global in the script, and a global the script creates appears on
 * the sandbox.
 */
@NodeTest("test/parallel/test-vm-context-property-forwarding.js")
class VmContextPropertyForwardingTest extends NodeVmTest {

    @Test
    @DisplayName("test-vm-context-property-forwarding.js: a sandbox property is readable as a global by the script")
    void sandboxPropertyIsAGlobal() {
        try (VmContext ctx = vm.createContext(Map.of("x", 3))) {
            assertThat(vm.compile("x;").runInContext(ctx)).isEqualTo(3);
        }
    }

    @Test
    @DisplayName("test-vm-context-property-forwarding.js: a global the script assigns appears on the sandbox")
    void scriptGlobalAppearsOnTheSandbox() {
        try (VmContext ctx = vm.createContext(Map.of("x", 3))) {
            vm.compile("y = 4;").runInContext(ctx);
            assertThat(ctx.global("y")).isEqualTo(4);
            assertThat(ctx.globals()).containsEntry("y", 4);
        }
    }
}
