package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.HostFunction;
import io.github.jsvm.Vm;
import io.github.jsvm.VmContext;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Ports Node's regression check (GH-10806) that a global initialised from a sandbox function can be
 * overwritten from outside the context, once and then again, each assignment being read back.
 */
@NodeTest("test/parallel/test-vm-global-assignment.js")
class VmGlobalAssignmentTest {
    private static final int OTHER = 123;
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
    void createContext() {
        HostFunction open = args -> null;
        ctx = vm.createContext(Map.of("open", open));
    }

    @AfterEach
    void closeContext() {
        ctx.close();
    }

    @Test
    @DisplayName("test-vm-global-assignment.js: before any assignment the global is not the new value")
    void initialValueIsNotTheNewValue() {
        assertThat(ctx.global("open")).isNotEqualTo(OTHER).isInstanceOf(HostFunction.class);
    }

    @Test
    @DisplayName("test-vm-global-assignment.js: assigning the global from outside is read back")
    void firstAssignmentIsReadBack() {
        ctx.setGlobal("open", OTHER);
        assertThat(ctx.global("open")).isEqualTo(OTHER);
        assertThat(vm.compile("open").runInContext(ctx)).isEqualTo(OTHER);
    }

    @Test
    @DisplayName("test-vm-global-assignment.js: assigning the same value a second time is read back too")
    void secondAssignmentIsReadBack() {
        ctx.setGlobal("open", OTHER);
        ctx.setGlobal("open", OTHER);
        assertThat(ctx.global("open")).isEqualTo(OTHER);
        assertThat(vm.compile("open").runInContext(ctx)).isEqualTo(OTHER);
    }
}
