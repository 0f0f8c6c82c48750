package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.VmContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Ports Node's checks of {@code vm.isContext}: a non-object argument is rejected, plain objects and
 * arrays are not contexts, what {@code createContext} returns is one, and so is a sandbox after it
 * has been contextified.
 */
@NodeTest("test/parallel/test-vm-is-context.js")
@Inexpressible(assertion = "a context created from an array sandbox is a context",
        reason = "createContext takes a Map of named globals: an array sandbox cannot be passed")
class VmIsContextTest extends NodeVmTest {

    @Test
    @NodeDifference("D3")
    @DisplayName("test-vm-is-context.js: isContext rejects a string with a TypeError")
    void stringIsNotAContext() {
        assertThat(vm.isContext("string is not supported")).isFalse();
    }

    @Test
    @DisplayName("test-vm-is-context.js: a plain object is not a context")
    void plainObjectIsNotAContext() {
        assertThat(vm.isContext(new HashMap<String, Object>())).isFalse();
    }

    @Test
    @DisplayName("test-vm-is-context.js: an array is not a context")
    void arrayIsNotAContext() {
        assertThat(vm.isContext(new ArrayList<Object>())).isFalse();
    }

    @Test
    @DisplayName("test-vm-is-context.js: what createContext returns is a context")
    void createdContextIsAContext() {
        try (VmContext ctx = vm.createContext()) {
            assertThat(vm.isContext(ctx)).isTrue();
        }
    }

    @Test
    @NodeDifference("D1")
    @DisplayName("test-vm-is-context.js: a sandbox object becomes a context once contextified")
    void sandboxIsNotContextified() {
        Map<String, Object> sandbox = new HashMap<>(Map.of("foo", "bar"));
        try (VmContext ctx = vm.createContext(sandbox)) {
            assertThat(vm.isContext(sandbox)).isFalse();
            assertThat(vm.isContext(ctx)).isTrue();
        }
    }
}
