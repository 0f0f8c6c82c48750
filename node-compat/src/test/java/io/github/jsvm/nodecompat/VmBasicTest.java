package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.FunctionOptions;
import io.github.jsvm.VmContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Ports Node's basic {@code vm} checks: a script run in a new or an existing context writes its
 * implicit globals and {@code this.x} assignments onto the context's global object, sees no Node
 * {@code process}, returns its completion value and does not leak globals into the caller's realm;
 * {@code createContext} hands back the contextified sandbox. {@code runInThisContext} has no script
 * counterpart in jsvm yet; its global-write check runs in a fresh context.
 */
@NodeTest("test/parallel/test-vm-basic.js")
@Inexpressible(assertion = "runInThisContext can see Node's process object ('[object process]')",
        reason = "jsvm contexts have no Node process object, and scripts have no main-context run")
@Inexpressible(assertion = "createContext returns the very sandbox object it was given",
        reason = "createContext takes a Map and returns a VmContext: Java's types make the two impossible to be one object")
class VmBasicTest extends NodeVmTest {

    @Test
    @DisplayName("test-vm-basic.js: runInNewContext returns the completion value, the type of Object")
    void runInNewContextReturnsCompletionValue() {
        Object result = vm.compile("foo = 'bar'; this.typeofProcess = typeof process; typeof Object;")
                .runInNewContext(Map.of());
        assertThat(result).isEqualTo("function");
    }

    @Test
    @DisplayName("test-vm-basic.js: a run in a new context leaves exactly the implicit global and the this-property on its global object")
    void newContextGlobalsHoldWhatTheScriptWrote() {
        // runInNewContext closes its context; the same run through createContext + runInContext
        // lets the sandbox's final contents be read.
        try (VmContext ctx = vm.createContext(Map.of())) {
            vm.compile("foo = 'bar'; this.typeofProcess = typeof process; typeof Object;").runInContext(ctx);
            assertThat(ctx.globals()).isEqualTo(Map.of("foo", "bar", "typeofProcess", "undefined"));
        }
    }

    @Test
    @DisplayName("test-vm-basic.js: runInContext keeps the sandbox's global, adds the new ones and sees no process")
    void runInContextUpdatesTheSandboxGlobals() {
        try (VmContext ctx = vm.createContext(Map.of("foo", "bar"))) {
            vm.compile("baz = foo; this.typeofProcess = typeof process; typeof Object;").runInContext(ctx);
            assertThat(ctx.globals()).isEqualTo(
                    Map.of("foo", "bar", "baz", "bar", "typeofProcess", "undefined"));
        }
    }

    @Test
    @DisplayName("test-vm-basic.js: runInContext returns the completion value, the type of Object")
    void runInContextReturnsCompletionValue() {
        try (VmContext ctx = vm.createContext(Map.of("foo", "bar"))) {
            assertThat(vm.compile("baz = foo; this.typeofProcess = typeof process; typeof Object;").runInContext(ctx))
                    .isEqualTo("function");
        }
    }

    @Test
    @DisplayName("test-vm-basic.js: an implicit global assigned by the script is readable as a global afterwards")
    void implicitGlobalIsReadableAfterTheRun() {
        // Node runs this in its own main context; jsvm has no main-context script run, so a fresh
        // context stands in for it.
        try (VmContext ctx = vm.createContext()) {
            vm.compile("vmResult = 'foo';").runInContext(ctx);
            assertThat(ctx.global("vmResult")).isEqualTo("foo");
        }
    }

    @Test
    @DisplayName("test-vm-basic.js: a global written in a new context does not appear in the caller's main context")
    void newContextGlobalDoesNotLeakIntoTheMainContext() {
        vm.compile("vmResult = 'foo'; typeof process;").runInNewContext(Map.of());
        Object seenInMain = vm.compileFunction("return typeof vmResult", List.of(), FunctionOptions.defaults()).call();
        assertThat(seenInMain).isEqualTo("undefined");
    }

    @Test
    @DisplayName("test-vm-basic.js: a new context has no process, so typeof process is 'undefined'")
    void newContextHasNoProcess() {
        assertThat(vm.compile("vmResult = 'foo'; typeof process;").runInNewContext(Map.of())).isEqualTo("undefined");
    }
}
