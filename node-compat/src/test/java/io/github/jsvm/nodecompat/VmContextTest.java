package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.jsvm.JsException;
import io.github.jsvm.JsFunction;
import io.github.jsvm.PropertyDescriptor;
import io.github.jsvm.Script;
import io.github.jsvm.ScriptOptions;
import io.github.jsvm.VmContext;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Ports Node's checks of {@code Script.runInContext}: a compiled script runs in an empty or a
 * pre-populated context, reads and updates the sandbox's globals, rejects a missing sandbox or
 * context, reports its filename and its line and column offsets in the error stack, a
 * {@code delete} of a non-configurable global answers {@code false}, and a sandbox that only
 * forwards to another object still gets the built-ins. Node's {@code TypeError}s for missing
 * arguments are Java's {@code NullPointerException} naming the argument.
 */
@NodeTest("test/parallel/test-vm-context.js")
@Inexpressible(assertion = "script.runInContext rejects undefined, 0, 0.0 and '' with 'must be of type object', {} and [] with 'must be an vm.Context'",
        reason = "runInContext takes a VmContext: Java's types make these arguments impossible (null is tested)")
@Inexpressible(assertion = "vm.runInContext(code, notAContext) rejects undefined, 0, 0.0 and '' with 'must be of type object', {} and [] with 'must be an vm.Context'",
        reason = "there is no runInContext taking a JavaScript value as context; Java's types make these arguments impossible")
@Inexpressible(assertion = "a script in a new context can require('assert') and use assert.throws with a RegExp",
        reason = "jsvm contexts have no Node require or assert module")
class VmContextTest extends NodeVmTest {

    @Test
    @DisplayName("test-vm-context.js: a compiled script run in a new empty context returns its completion value")
    void scriptRunsInEmptyContext() {
        try (VmContext ctx = vm.createContext()) {
            assertThat(vm.compile("\"passed\";").runInContext(ctx)).isEqualTo("passed");
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
        Script script = vm.compile("", ScriptOptions.builder().filename("some.js").build());
        assertThatThrownBy(() -> script.runInNewContext(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("globals");
    }

    private static JsException gh1140Error() {
        try (VmContext ctx = vm.createContext(Map.of("foo", 3, "thing", "lala"))) {
            Script script = vm.compile("throw new Error()", ScriptOptions.builder().filename("expected-filename.js").build());
            return catchThrowableOfType(JsException.class, () -> script.runInContext(ctx));
        }
    }

    @Test
    @DisplayName("test-vm-context.js: an error thrown in runInContext names the script's filename in its stack (GH-1140)")
    void errorStackNamesTheFilename() {
        JsException error = gh1140Error();
        assertThat(error).isNotNull();
        assertThat(error.jsStack()).contains("expected-filename");
    }

    @Test
    @DisplayName("test-vm-context.js: the error of an empty new Error() thrown in runInContext reads as just 'Error' (GH-1140)")
    void errorWithoutMessageReadsAsItsName() {
        JsException error = gh1140Error();
        assertThat(error).isNotNull();
        assertThat(error.getMessage()).isEqualTo("Error");
    }

    @Test
    @DisplayName("test-vm-context.js: runInContext with a null context is rejected (GH-558)")
    void nullContextIsRejected() {
        Script script = vm.compile("\"passed\";");
        assertThatThrownBy(() -> script.runInContext(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("context");
    }

    @Test
    @DisplayName("test-vm-context.js: deleting a non-configurable global answers false (GH-7529)")
    void deletingNonConfigurableGlobalAnswersFalse() {
        // A Java map cannot carry property attributes: the non-configurable property is defined on
        // the context's global object from the host before the script runs.
        try (VmContext ctx = vm.createContext()) {
            ctx.globalObject().defineProperty("b", PropertyDescriptor.data(null, false, false, false));
            assertThat(vm.compile("delete b").runInContext(ctx)).isEqualTo(false);
            assertThat(ctx.globalObject().hasOwn("b")).isTrue();
        }
    }

    private static JsException firstLineError() {
        try (VmContext ctx = vm.createContext(Map.of("foo", 3, "thing", "lala"))) {
            Script script = vm.compile(" throw new Error()",
                    ScriptOptions.builder().filename("expected-filename.js").lineOffset(32).columnOffset(123).build());
            return catchThrowableOfType(JsException.class, () -> script.runInContext(ctx));
        }
    }

    @Test
    @DisplayName("test-vm-context.js: an error on the first line reports the filename with the line and column offsets applied (33:131)")
    void errorStackAppliesLineAndColumnOffsets() {
        JsException error = firstLineError();
        assertThat(error).isNotNull();
        assertThat(error.jsStack()).contains("expected-filename.js:33:131");
    }

    @Test
    @DisplayName("test-vm-context.js: the stack's header shows the first line with a caret under the throw statement")
    void errorStackHeaderMarksTheThrow() {
        JsException error = firstLineError();
        assertThat(error).isNotNull();
        assertThat(error.jsStack()).startsWith("expected-filename.js:33\n throw new Error()\n ^\n");
    }

    @Test
    @DisplayName("test-vm-context.js: a sandbox that only forwards to an empty object still gets the String built-in (issue 6158)")
    void forwardingSandboxGetsTheBuiltIns() {
        // Node's sandbox is new Proxy({}, {}); Java's nearest thing is a Map that forwards to an empty one.
        Map<String, Object> target = new HashMap<>();
        Map<String, Object> forwarding = new AbstractMap<>() {
            @Override
            public Set<Entry<String, Object>> entrySet() {
                return target.entrySet();
            }
        };
        assertThat(vm.compile("String").runInNewContext(forwarding)).isInstanceOf(JsFunction.class);
    }
}
