package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.VmContext;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Ports Node's checks (GH-5350) of a sandbox with a prototype: inherited properties are not own
 * properties of the global object, a script assigning both an inherited and an own property returns
 * its completion value, and afterwards the sandbox's own keys are the original one plus the assigned
 * one. Java maps have no prototype, so the sandbox here has only its own property.
 */
@NodeTest("test/parallel/test-vm-inherited_properties.js")
@Inexpressible(assertion = "a property inherited from the sandbox's prototype is not an own property of the global",
        reason = "createContext takes a Java Map, which has no prototype chain")
@Inexpressible(assertion = "an inherited property the script did not assign (y) does not become an own key of the sandbox",
        reason = "createContext takes a Java Map, which has no prototype chain")
class VmInheritedPropertiesTest extends NodeVmTest {
    private static final String CODE = "x = 0; z = 4;";

    @Test
    @DisplayName("test-vm-inherited_properties.js: runInNewContext returns the completion value of the assignments")
    void completionValue() {
        assertThat(vm.compile(CODE).runInNewContext(Map.of("z", 3))).isEqualTo(4);
    }

    @Test
    @DisplayName("test-vm-inherited_properties.js: after the run the sandbox's own keys are z, then the newly assigned x")
    void ownKeysAfterTheRun() {
        try (VmContext ctx = vm.createContext(Map.of("z", 3))) {
            vm.compile(CODE).runInContext(ctx);
            assertThat(ctx.globals().keySet()).containsExactly("z", "x");
        }
    }
}
