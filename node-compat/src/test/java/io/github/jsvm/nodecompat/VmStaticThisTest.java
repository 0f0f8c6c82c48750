package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import io.github.jsvm.JsException;
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
 * Node's test of the static {@code vm.runInThisContext(code)}: the code runs against the caller's
 * global object. A string's value comes back, a thrown error reaches the caller with its message, an
 * assignment changes the global, a global's object property is not a global of its own, and a global
 * function is callable. jsvm has no run in the caller's (main) context for scripts yet, so the
 * caller's global object is one context per test, in which the code is compiled and run.
 */
@NodeTest("test/parallel/test-vm-static-this.js")
class VmStaticThisTest {
    private static Vm vm;
    private VmContext thisContext;

    @BeforeAll
    static void createVm() {
        vm = Vm.create();
    }

    @AfterAll
    static void closeVm() {
        vm.close();
    }

    @BeforeEach
    void createThisContext() {
        thisContext = vm.createContext();
    }

    @AfterEach
    void closeThisContext() {
        thisContext.close();
    }

    private Object runInThisContext(String code) {
        return vm.compile(code).runInContext(thisContext);
    }

    @Test
    @DisplayName("test-vm-static-this.js: running a string literal returns that string")
    void runsAString() {
        assertThat(runInThisContext("'passed';")).isEqualTo("passed");
    }

    @Test
    @DisplayName("test-vm-static-this.js: an error thrown by the code reaches the caller with its message")
    void thrownError() {
        assertThatThrownBy(() -> runInThisContext("throw new Error('test');"))
                .isInstanceOf(JsException.class)
                .hasMessageContaining("test");
    }

    @Test
    @DisplayName("test-vm-static-this.js: assigning a global changes the global object's property")
    void assignmentChangesTheGlobal() {
        thisContext.setGlobal("hello", 5);
        runInThisContext("hello = 2");
        assertThat(thisContext.global("hello")).isEqualTo(2);
    }

    @Test
    @DisplayName("test-vm-static-this.js: the code changes globals and does not see a global object's property as a global")
    void passValues() {
        thisContext.setGlobal("foo", 2);
        thisContext.setGlobal("obj", Map.of("foo", 0, "baz", 3));
        runInThisContext("foo = 1; bar = 2; if (typeof baz !== 'undefined') throw new Error('test fail');");
        assertThat(thisContext.global("obj")).asInstanceOf(MAP).containsEntry("foo", 0);
        assertThat(thisContext.global("bar")).isEqualTo(2);
        assertThat(thisContext.global("foo")).isEqualTo(1);
    }

    @Test
    @DisplayName("test-vm-static-this.js: a global function is called by name and changes a global")
    void callsAFunction() {
        runInThisContext("globalThis.f = function() { globalThis.foo = 100; };");
        runInThisContext("f()");
        assertThat(thisContext.global("foo")).isEqualTo(100);
    }
}
