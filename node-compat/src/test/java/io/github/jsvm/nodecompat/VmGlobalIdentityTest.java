package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jsvm.InvalidArgumentException;
import io.github.jsvm.VmContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Ports Node's check that setting a property of the contextified object to the context itself
 * ({@code ctx.window = ctx}) makes that global, seen from the script, the very global object that
 * {@code this} is.
 */
@NodeTest("test/parallel/test-vm-global-identity.js")
class VmGlobalIdentityTest extends NodeVmTest {

    @Test
    @NodeDifference("D1")
    @DisplayName("test-vm-global-identity.js: a global set to the context itself is the script's this")
    void contextCannotBeAGlobalValue() {
        // A VmContext is a handle, not a JavaScript value: it cannot be copied into a global.
        try (VmContext ctx = vm.createContext()) {
            assertThatThrownBy(() -> ctx.setGlobal("window", ctx)).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("window");
        }
    }
}
