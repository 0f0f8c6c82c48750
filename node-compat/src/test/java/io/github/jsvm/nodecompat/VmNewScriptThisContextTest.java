package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import io.github.jsvm.JsException;
import io.github.jsvm.Script;
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
 * Node's test of {@code script.runInThisContext()} on a compiled {@code vm.Script}: the script sees
 * and changes the caller's own globals. A string's value comes back, a thrown error reaches the
 * caller, an assignment changes the caller's global, a global the script does not declare stays
 * invisible inside an object, and a function of the caller's context is callable by name. jsvm has no
 * run in the caller's (main) context for scripts yet, so "this context" is one context per test that
 * holds the caller's globals; the script runs in it and the globals are read back from it.
 */
@NodeTest("test/parallel/test-vm-new-script-this-context.js")
class VmNewScriptThisContextTest {
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

    @Test
    @DisplayName("test-vm-new-script-this-context.js: running a string literal returns that string")
    void runsAString() {
        assertThat(vm.compile("'passed';").runInContext(thisContext)).isEqualTo("passed");
    }

    @Test
    @DisplayName("test-vm-new-script-this-context.js: an error thrown by the script is thrown to the caller")
    void thrownError() {
        Script script = vm.compile("throw new Error('test');");
        assertThatThrownBy(() -> script.runInContext(thisContext)).isInstanceOf(JsException.class);
    }

    @Test
    @DisplayName("test-vm-new-script-this-context.js: assigning a global changes the caller's global")
    void assignmentChangesTheCallersGlobal() {
        thisContext.setGlobal("hello", 5);
        vm.compile("hello = 2").runInContext(thisContext);
        assertThat(thisContext.global("hello")).isEqualTo(2);
    }

    @Test
    @DisplayName("test-vm-new-script-this-context.js: the script changes the caller's globals and does not see an object's property as a global")
    void passValues() {
        thisContext.setGlobal("foo", 2);
        thisContext.setGlobal("obj", Map.of("foo", 0, "baz", 3));
        vm.compile("foo = 1; bar = 2; if (typeof baz !== 'undefined') throw new Error('test fail');").runInContext(thisContext);
        assertThat(thisContext.global("obj")).asInstanceOf(MAP).containsEntry("foo", 0);
        assertThat(thisContext.global("bar")).isEqualTo(2);
        assertThat(thisContext.global("foo")).isEqualTo(1);
    }

    @Test
    @DisplayName("test-vm-new-script-this-context.js: a function of the caller's context is called by name")
    void callsAFunction() {
        vm.compile("f = function() { foo = 100; };").runInContext(thisContext);
        vm.compile("f()").runInContext(thisContext);
        assertThat(thisContext.global("foo")).isEqualTo(100);
    }
}
