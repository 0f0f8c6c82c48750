package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jsvm.JsException;
import io.github.jsvm.Vm;
import io.github.jsvm.VmContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Node's regression test for issue 10223: a read-only property defined on the context's global object
 * reads the same from outside and inside, a sloppy-mode assignment to it is silently ignored, and a
 * strict-mode assignment throws "Cannot assign to read only property 'x'" and leaves it unchanged.
 */
@NodeTest("test/parallel/test-vm-strict-assign.js")
class VmStrictAssignTest {
    private static Vm vm;
    private VmContext ctx;

    @BeforeAll
    static void createVm() {
        vm = Vm.create();
    }

    @AfterAll
    static void closeVm() {
        vm.close();
    }

    @BeforeEach
    void defineReadOnlyX() {
        ctx = vm.createContext();
        vm.compile("Object.defineProperty(this, \"x\", { value: 42 })").runInContext(ctx);
    }

    @AfterEach
    void closeContext() {
        ctx.close();
    }

    private Object x() {
        return vm.compile("x").runInContext(ctx);
    }

    @Test
    @DisplayName("test-vm-strict-assign.js: the read-only property reads 42 from outside the context")
    void readFromOutside() {
        assertThat(ctx.global("x")).isEqualTo(42);
    }

    @Test
    @DisplayName("test-vm-strict-assign.js: the read-only property reads 42 from inside the context")
    void readFromInside() {
        assertThat(x()).isEqualTo(42);
    }

    @Test
    @DisplayName("test-vm-strict-assign.js: a sloppy-mode assignment does not throw and leaves the value unaltered")
    void sloppyAssignmentIsIgnored() {
        vm.compile("x = 0").runInContext(ctx);
        assertThat(x()).isEqualTo(42);
    }

    @Test
    @DisplayName("test-vm-strict-assign.js: a strict-mode assignment throws 'Cannot assign to read only property' and leaves the value unaltered")
    void strictAssignmentThrows() {
        assertThatThrownBy(() -> vm.compile("\"use strict\"; x = 0").runInContext(ctx))
                .isInstanceOf(JsException.class)
                .hasMessageContaining("Cannot assign to read only property 'x'");
        assertThat(x()).isEqualTo(42);
    }
}
