package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import io.github.jsvm.HostFunction;
import io.github.jsvm.JsException;
import io.github.jsvm.Script;
import io.github.jsvm.VmContext;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Node's test of {@code script.runInNewContext(sandbox)} on a compiled {@code vm.Script}: one script
 * runs twice, thrown errors and undefined references reach the caller, the caller's globals stay
 * untouched, values go in and out through the sandbox, a function passed in is called and an object
 * passed in is modified, and a name the sandbox no longer provides is not defined. Where
 * Node reads results back from the sandbox object, the port creates the context itself and reads its
 * globals (jsvm's {@code runInNewContext} closes its context after the run); the caller's own globals
 * are those of a second context. Values are copied into a context (jsvm has no live proxies), so the
 * object the script modified is read back from the context as well.
 */
@NodeTest("test/parallel/test-vm-new-script-new-context.js")
@Inexpressible(assertion = "calling runInNewContext with a string as its receiver throws a TypeError",
        reason = "Java method calls always have a Script receiver; there is no Function.prototype.call")
class VmNewScriptNewContextTest extends NodeVmTest {

    @Test
    @DisplayName("test-vm-new-script-new-context.js: one compiled script run twice in new contexts returns its string both times")
    void scriptRunsTwice() {
        Script script = vm.compile("'passed';");
        Object first = script.runInNewContext(Map.of());
        Object second = script.runInNewContext(Map.of());
        assertThat(first).isEqualTo("passed");
        assertThat(second).isEqualTo("passed");
    }

    @Test
    @DisplayName("test-vm-new-script-new-context.js: a thrown error reaches the caller with its message")
    void thrownError() {
        Script script = vm.compile("throw new Error('test');");
        assertThatThrownBy(() -> script.runInNewContext(Map.of()))
                .isInstanceOf(JsException.class)
                .hasMessageContaining("test");
    }

    @Test
    @DisplayName("test-vm-new-script-new-context.js: using an undeclared name throws a 'not defined' error")
    void undefinedReference() {
        Script script = vm.compile("foo.bar = 5;");
        assertThatThrownBy(() -> script.runInNewContext(Map.of()))
                .isInstanceOf(JsException.class)
                .hasMessageContaining("not defined");
    }

    @Test
    @DisplayName("test-vm-new-script-new-context.js: assigning a global in the new context leaves the caller's global unchanged")
    void assignmentStaysInTheNewContext() {
        try (VmContext caller = vm.createContext(Map.of("hello", 5))) {
            vm.compile("hello = 2").runInNewContext(Map.of());
            assertThat(caller.global("hello")).isEqualTo(5);
        }
    }

    @Test
    @DisplayName("test-vm-new-script-new-context.js: sandbox values are visible to the script, and its assignments show on the sandbox, not in the caller")
    void valuesPassInAndOut() {
        Script script = vm.compile("foo = 1; bar = 2; if (baz !== 3) throw new Error('test fail');");
        try (VmContext caller = vm.createContext(Map.of("foo", 2));
                VmContext sandbox = vm.createContext(Map.of("foo", 0, "baz", 3))) {
            script.runInContext(sandbox);
            assertThat(sandbox.global("foo")).isEqualTo(1);
            assertThat(sandbox.global("bar")).isEqualTo(2);
            assertThat(caller.global("foo")).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("test-vm-new-script-new-context.js: a function passed in the sandbox is called and changes the caller's state")
    void callsAFunctionPassedIn() {
        AtomicInteger foo = new AtomicInteger(2);
        HostFunction changeFoo = args -> {
            foo.set(100);
            return null;
        };
        vm.compile("f()").runInNewContext(Map.of("f", changeFoo));
        assertThat(foo).hasValue(100);
    }

    @Test
    @DisplayName("test-vm-new-script-new-context.js: an object passed in the sandbox is modified in place by the code")
    void objectInTheSandboxIsModified() {
        try (VmContext sandbox = vm.createContext(Map.of("f", Map.of("a", 1)))) {
            vm.compile("f.a = 2").runInContext(sandbox);
            assertThat(sandbox.global("f")).asInstanceOf(MAP).containsEntry("a", 2);
        }
    }


    @Test
    @DisplayName("test-vm-new-script-new-context.js: run again without the sandbox entry, the script finds f not defined")
    void nameMissingFromTheSandboxIsNotDefined() {
        Script script = vm.compile("f.a = 2");
        script.runInNewContext(Map.of("f", Map.of("a", 1)));
        assertThatThrownBy(() -> script.runInNewContext(Map.of()))
                .isInstanceOf(JsException.class)
                .hasMessageContaining("f is not defined");
    }
}
