package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.VmContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Ports Node's check (GH-548) that a function declaration in a later run replaces the global
 * function of the same name that an earlier run declared in the same context.
 */
@NodeTest("test/parallel/test-vm-function-redefinition.js")
class VmFunctionRedefinitionTest extends NodeVmTest {

    @Test
    @DisplayName("test-vm-function-redefinition.js: redeclaring a global function in a second run replaces the first")
    void laterDeclarationWins() {
        try (VmContext ctx = vm.createContext()) {
            vm.compile("function test() { return 0; }").runInContext(ctx);
            vm.compile("function test() { return 1; }").runInContext(ctx);
            assertThat(vm.compile("test()").runInContext(ctx)).isEqualTo(1);
        }
    }
}
