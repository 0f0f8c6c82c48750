package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.jsvm.JsException;
import io.github.jsvm.Script;
import io.github.jsvm.ScriptOptions;
import io.github.jsvm.VmContext;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Ports Node's checks of {@code Script.runInContext}: a compiled script runs in an empty or a
 * pre-populated context, reads and updates the sandbox's globals, rejects a missing sandbox or
 * context, reports its filename and its line and column offsets in the error stack, and a
 * {@code delete} of a non-configurable global answers {@code false}.
 */
@NodeTest("test/parallel/test-vm-context.js")
@Inexpressible(assertion = "runInContext rejects 0, '', {} and [] as the context with a TypeError",
        reason = "runInContext takes a VmContext: Java's types make these arguments impossible")
@Inexpressible(assertion = "vm.runInContext(code, notAContext) rejects 0, '', {} and [] with a TypeError",
        reason = "there is no runInContext taking a JavaScript value as context; Java's types make these arguments impossible")
@Inexpressible(assertion = "a script in a new context can require('assert') and use assert.throws with a RegExp",
        reason = "jsvm contexts have no Node require or assert module")
class VmContextTest extends NodeVmTest {

    @Test
    @DisplayName("test-vm-context.js: a compiled script run in a new empty context returns its completion value")
    void scriptRunsInEmptyContext() {
        try (VmContext ctx = vm.createContext()) {
            assertThat(vm.compile("'passed';").runInContext(ctx)).isEqualTo("passed");
        }
    }

    @Test
    @DisplayName("test-vm-context.js: a pre-populated context exposes the sandbox's properties")
    void prePopulatedContextExposesItsGlobals() {
        try (VmContext ctx = vm.createContext(Map.of("foo", "bar", "thing", "lala"))) {
            assertThat(ctx.global("foo")).isEqualTo("bar");
            assertThat(ctx.global("thing")).isEqualTo("lala");
        }
    }

    @Test
    @DisplayName("test-vm-context.js: a script assigning a global updates that global and leaves the others alone")
    void scriptUpdatesOneGlobal() {
        try (VmContext ctx = vm.createContext(Map.of("foo", "bar", "thing", "lala"))) {
            vm.compile("foo = 3;").runInContext(ctx);
            assertThat(ctx.global("foo")).isEqualTo(3);
            assertThat(ctx.global("thing")).isEqualTo("lala");
        }
    }

    @Test
    @DisplayName("test-vm-context.js: runInNewContext with a null sandbox is rejected (GH-227)")
    void nullSandboxIsRejected() {
        // Node's TypeError for a bad argument is Java's NullPointerException naming the parameter.
        Script script = vm.compile("", ScriptOptions.builder().filename("some.js").build());
        assertThatThrownBy(() -> script.runInNewContext(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("globals");
    }

    @Test
    @DisplayName("test-vm-context.js: an error thrown in runInContext names the script's filename in its stack (GH-1140)")
    void errorStackNamesTheFilename() {
        try (VmContext ctx = vm.createContext(Map.of("foo", 3))) {
            Script script = vm.compile("throw new Error()", ScriptOptions.builder().filename("expected-filename.js").build());
            JsException error = catchThrowableOfType(JsException.class, () -> script.runInContext(ctx));
            assertThat(error).isNotNull();
            assertThat(error.jsStack()).contains("expected-filename");
        }
    }

    @Test
    @DisplayName("test-vm-context.js: runInContext with a null context is rejected (GH-558)")
    void nullContextIsRejected() {
        Script script = vm.compile("'passed';");
        assertThatThrownBy(() -> script.runInContext(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("context");
    }

    @Test
    @DisplayName("test-vm-context.js: deleting a non-configurable global answers false (GH-7529)")
    void deletingNonConfigurableGlobalAnswersFalse() {
        // A Java map cannot carry property attributes: the non-configurable property is defined on
        // the global object by a first run instead of on the sandbox before contextifying it.
        try (VmContext ctx = vm.createContext()) {
            vm.compile("Object.defineProperty(this, 'b', { configurable: false });").runInContext(ctx);
            assertThat(vm.compile("delete b").runInContext(ctx)).isEqualTo(false);
        }
    }

    @Test
    @DisplayName("test-vm-context.js: an error on the first line reports the filename with the line and column offsets applied")
    void errorStackAppliesLineAndColumnOffsets() {
        try (VmContext ctx = vm.createContext()) {
            Script script = vm.compile("throw new Error()",
                    ScriptOptions.builder().filename("expected-filename.js").lineOffset(32).columnOffset(123).build());
            JsException error = catchThrowableOfType(JsException.class, () -> script.runInContext(ctx));
            assertThat(error).isNotNull();
            assertThat(error.jsStack()).contains("expected-filename.js:33:130");
        }
    }
}
