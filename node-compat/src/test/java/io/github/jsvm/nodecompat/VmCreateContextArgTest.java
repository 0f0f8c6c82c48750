package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.VmContext;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Ports Node's checks of {@code createContext}'s argument: a string is rejected, a plain object and
 * an array are accepted, and contextifying the same sandbox twice does not throw.
 */
@NodeTest("test/parallel/test-vm-create-context-arg.js")
@Inexpressible(assertion = "createContext rejects a string sandbox with a TypeError",
        reason = "createContext takes a Map: Java's types make a string sandbox impossible")
@Inexpressible(assertion = "createContext accepts an array as sandbox",
        reason = "createContext takes a Map of named globals: an array sandbox cannot be passed")
class VmCreateContextArgTest extends NodeVmTest {

    @Test
    @DisplayName("test-vm-create-context-arg.js: createContext accepts a plain object sandbox")
    void plainObjectSandboxIsAccepted() {
        try (VmContext ctx = vm.createContext(Map.of("a", 1))) {
            assertThat(ctx.global("a")).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("test-vm-create-context-arg.js: creating a context twice from the same sandbox does not throw")
    void sameSandboxTwiceIsAccepted() {
        Map<String, Object> sandbox = new HashMap<>();
        try (VmContext first = vm.createContext(sandbox); VmContext second = vm.createContext(sandbox)) {
            assertThat(vm.isContext(first)).isTrue();
            assertThat(vm.isContext(second)).isTrue();
        }
    }
}
