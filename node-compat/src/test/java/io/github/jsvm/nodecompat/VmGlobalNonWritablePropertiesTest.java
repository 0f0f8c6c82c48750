package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
 * Ports Node's check (GH-10223) that a non-writable property defined on the global object keeps its
 * value: a sloppy-mode assignment is silently ignored and a strict-mode one throws a
 * {@code TypeError} about the read-only property.
 */
@NodeTest("test/parallel/test-vm-global-non-writable-properties.js")
class VmGlobalNonWritablePropertiesTest {
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
    void defineReadOnlyGlobal() {
        ctx = vm.createContext();
        vm.compile("Object.defineProperty(this, 'x', { value: 42 })").runInContext(ctx);
    }

    @AfterEach
    void closeContext() {
        ctx.close();
    }

    @Test
    @DisplayName("test-vm-global-non-writable-properties.js: the non-writable global reads as its defined value")
    void readsTheDefinedValue() {
        assertThat(vm.compile("x").runInContext(ctx)).isEqualTo(42);
    }

    @Test
    @DisplayName("test-vm-global-non-writable-properties.js: a sloppy-mode assignment does not throw and leaves the value unaltered")
    void sloppyAssignmentIsIgnored() {
        vm.compile("x = 0").runInContext(ctx);
        assertThat(vm.compile("x").runInContext(ctx)).isEqualTo(42);
    }

    @Test
    @DisplayName("test-vm-global-non-writable-properties.js: a strict-mode assignment throws that x is a read-only property")
    void strictAssignmentThrows() {
        JsException error = catchThrowableOfType(JsException.class, () -> vm.compile("'use strict'; x = 0").runInContext(ctx));
        assertThat(error).isNotNull();
        assertThat(error.errorName()).isEqualTo("TypeError");
        assertThat(error.errorMessage()).startsWith("Cannot assign to read only property 'x'");
    }

    @Test
    @DisplayName("test-vm-global-non-writable-properties.js: after the failed strict assignment the value is still unaltered")
    void valueUnalteredAfterStrictAssignment() {
        catchThrowableOfType(JsException.class, () -> vm.compile("'use strict'; x = 0").runInContext(ctx));
        assertThat(vm.compile("x").runInContext(ctx)).isEqualTo(42);
    }
}
