package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import io.github.jsvm.ContextOptions;
import io.github.jsvm.FunctionOptions;
import io.github.jsvm.JsException;
import io.github.jsvm.JsFunction;
import io.github.jsvm.Script;
import io.github.jsvm.ScriptOptions;
import io.github.jsvm.ScriptSyntaxException;
import io.github.jsvm.Vm;
import io.github.jsvm.VmContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Ports Node's basic {@code vm} checks. A script run in a new or an existing context writes its
 * implicit globals and {@code this.x} assignments onto the context's global object, sees no
 * {@code process}, returns its completion value and leaves the caller's (main) context alone, while
 * {@code runInThisContext} writes to the main context. An error's stack starts with the script's
 * filename and line. {@code compileFunction} makes a function whose source is the body in a
 * parameterless wrapper, takes parameters, context extensions, offsets and a parsing context, and
 * rejects a body that closes its wrapper. Node's {@code TypeError}s for missing arguments are Java's
 * {@code NullPointerException} naming the argument; the main context's {@code global} is read as
 * {@code globalThis} (jsvm contexts have none of Node's own globals).
 */
@NodeTest("test/parallel/test-vm-basic.js")
@Inexpressible(assertion = "runInThisContext can see Node's process object ('[object process]')",
        reason = "jsvm contexts, the main context included, have no Node process object")
@Inexpressible(assertion = "createContext returns the very sandbox object it was given",
        reason = "createContext takes a Map and returns a VmContext: Java's types make the two impossible to be one object")
@Inexpressible(assertion = "createContext rejects a string as its options with ERR_INVALID_ARG_TYPE",
        reason = "createContext takes ContextOptions: Java's types make a string impossible")
@Inexpressible(assertion = "createContext rejects options.origin null with ERR_INVALID_ARG_TYPE",
        reason = "contexts have no origin option")
@Inexpressible(assertion = "runInNewContext rejects options.contextName and options.contextOrigin null with ERR_INVALID_ARG_TYPE",
        reason = "runInNewContext takes no context options (only the globals and the run limits)")
@Inexpressible(assertion = "compileFunction rejects 'string' and 123 as its options with ERR_INVALID_ARG_TYPE",
        reason = "compileFunction takes FunctionOptions: Java's types make a string or a number impossible (null is tested)")
@Inexpressible(assertion = "compileFunction rejects options.lineOffset and options.columnOffset null with ERR_INVALID_ARG_TYPE",
        reason = "the offsets are ints: Java's types make null impossible")
@Inexpressible(assertion = "compileFunction rejects options.cachedData and options.produceCachedData null with ERR_INVALID_ARG_TYPE",
        reason = "there are no such options: GraalJS has no V8 code cache (D13)")
@Inexpressible(assertion = "compileFunction rejects false, 0, '', a symbol and {} as options.parsingContext with ERR_INVALID_ARG_TYPE",
        reason = "parsingContext is a VmContext: Java's types make these values impossible (null is tested)")
@Inexpressible(assertion = "compileFunction rejects false, 0, Object(), a symbol and {} as params with ERR_INVALID_ARG_TYPE",
        reason = "params is a List<String>: Java's types make these values impossible (null is tested)")
@Inexpressible(assertion = "compileFunction rejects options.contextExtensions [0] with ERR_INVALID_ARG_TYPE naming contextExtensions[0]",
        reason = "contextExtensions is a List of Maps: Java's types make a number impossible")
@Inexpressible(assertion = "compileFunction with produceCachedData produces cached data, accepted for the same source and rejected for another",
        reason = "GraalJS has no V8 code cache, so there are no cachedData options (D13)")
class VmBasicTest extends NodeVmTest {
    private static final String NEW_CONTEXT_CODE = "foo = 'bar'; this.typeofProcess = typeof process; typeof Object;";
    private static final String IN_CONTEXT_CODE = "baz = foo; this.typeofProcess = typeof process; typeof Object;";
    private static final String BOOM = "throw new Error(\"boom\")";

    private static Script boomScript() {
        return vm.compile(BOOM, ScriptOptions.builder().filename("test-boom-error").build());
    }

    @Test
    @DisplayName("test-vm-basic.js: a run in a new context leaves exactly the implicit global and the this-property on its global object")
    void newContextGlobalsHoldWhatTheScriptWrote() {
        // runInNewContext closes its context; the same run through createContext + runInContext
        // lets the sandbox's final contents be read.
        try (VmContext ctx = vm.createContext(Map.of())) {
            vm.compile(NEW_CONTEXT_CODE).runInContext(ctx);
            assertThat(ctx.globals()).isEqualTo(Map.of("foo", "bar", "typeofProcess", "undefined"));
        }
    }

    @Test
    @DisplayName("test-vm-basic.js: runInNewContext returns the completion value, the type of Object")
    void runInNewContextReturnsCompletionValue() {
        assertThat(vm.compile(NEW_CONTEXT_CODE).runInNewContext(Map.of())).isEqualTo("function");
    }

    @Test
    @DisplayName("test-vm-basic.js: runInContext keeps the sandbox's global, adds the new ones and sees no process")
    void runInContextUpdatesTheSandboxGlobals() {
        try (VmContext ctx = vm.createContext(Map.of("foo", "bar"))) {
            vm.compile(IN_CONTEXT_CODE).runInContext(ctx);
            assertThat(ctx.globals()).isEqualTo(Map.of("foo", "bar", "baz", "bar", "typeofProcess", "undefined"));
        }
    }

    @Test
    @DisplayName("test-vm-basic.js: runInContext returns the completion value, the type of Object")
    void runInContextReturnsCompletionValue() {
        try (VmContext ctx = vm.createContext(Map.of("foo", "bar"))) {
            assertThat(vm.compile(IN_CONTEXT_CODE).runInContext(ctx)).isEqualTo("function");
        }
    }

    @Test
    @DisplayName("test-vm-basic.js: an implicit global assigned by runInThisContext is a property of the main context's global object")
    void runInThisContextWritesTheMainGlobal() {
        // Node's script also reads process, which jsvm has not (listed as inexpressible): only the
        // assignment runs here, in a Vm of its own so that the main context starts clean.
        try (Vm own = Vm.create()) {
            assertThat(own.compile("globalThis.vmResult").runInThisContext()).isNull();
            own.compile("vmResult = 'foo';").runInThisContext();
            assertThat(own.compile("globalThis.vmResult").runInThisContext()).isEqualTo("foo");
        }
    }

    @Test
    @DisplayName("test-vm-basic.js: a global written by runInNewContext without a sandbox does not appear in the caller's main context")
    void newContextGlobalDoesNotLeakIntoTheMainContext() {
        try (Vm own = Vm.create()) {
            own.compile("vmResult = 'foo'; typeof process;").runInNewContext(Map.of());
            assertThat(own.compile("globalThis.vmResult").runInThisContext()).isNull();
            assertThat(own.compile("'vmResult' in globalThis").runInThisContext()).isEqualTo(false);
        }
    }

    @Test
    @DisplayName("test-vm-basic.js: a new context has no process, so typeof process is 'undefined'")
    void newContextHasNoProcess() {
        assertThat(vm.compile("vmResult = 'foo'; typeof process;").runInNewContext(Map.of())).isEqualTo("undefined");
    }

    @Test
    @DisplayName("test-vm-basic.js: an error thrown by runInContext has a stack starting with the filename and line 1")
    void runInContextErrorStackStartsWithTheFilename() {
        try (VmContext ctx = vm.createContext()) {
            JsException error = catchThrowableOfType(JsException.class, () -> boomScript().runInContext(ctx));
            assertThat(error).isNotNull();
            assertThat(error.jsStack()).startsWith("test-boom-error:1");
        }
    }

    @Test
    @DisplayName("test-vm-basic.js: an error thrown by runInNewContext has a stack starting with the filename and line 1")
    void runInNewContextErrorStackStartsWithTheFilename() {
        JsException error = catchThrowableOfType(JsException.class, () -> boomScript().runInNewContext(Map.of()));
        assertThat(error).isNotNull();
        assertThat(error.jsStack()).startsWith("test-boom-error:1");
    }

    @Test
    @DisplayName("test-vm-basic.js: an error thrown by runInThisContext has a stack starting with the filename and line 1")
    void runInThisContextErrorStackStartsWithTheFilename() {
        JsException error = catchThrowableOfType(JsException.class, () -> boomScript().runInThisContext());
        assertThat(error).isNotNull();
        assertThat(error.jsStack()).startsWith("test-boom-error:1");
    }

    @Test
    @DisplayName("test-vm-basic.js: createContext rejects null options with an error naming the options")
    void createContextRejectsNullOptions() {
        assertThatThrownBy(() -> vm.createContext(Map.of(), null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("options");
    }

    @Test
    @DisplayName("test-vm-basic.js: a null context name is rejected with an error naming the name option")
    void nullContextNameIsRejected() {
        assertThatThrownBy(() -> ContextOptions.builder().name(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("name");
    }

    @Test
    @DisplayName("test-vm-basic.js: compileFunction's source text is the body inside a parameterless function")
    void compiledFunctionSourceText() {
        JsFunction hello = vm.compileFunction("console.log(\"Hello, World!\")", List.of(), FunctionOptions.defaults());
        Object source = vm.compileFunction("return Function.prototype.toString.call(fn)", List.of("fn"), FunctionOptions.defaults())
                .call(hello);
        assertThat(source).isEqualTo("function () {\nconsole.log(\"Hello, World!\")\n}");
    }

    @Test
    @DisplayName("test-vm-basic.js: a compiled function with five parameters concatenates its five arguments")
    void compiledFunctionTakesParameters() {
        JsFunction concat = vm.compileFunction("return p + q + r + s + t", List.of("p", "q", "r", "s", "t"), FunctionOptions.defaults());
        assertThat(concat.call("ab", "cd", "ef", "gh", "ij")).isEqualTo("abcdefghij");
    }

    @Test
    @DisplayName("test-vm-basic.js: a body that is a bare return compiles")
    void bareReturnCompiles() {
        assertThat(vm.compileFunction("return", List.of(), FunctionOptions.defaults()).call()).isNull();
    }

    @Test
    @NodeDifference("D9")
    @DisplayName("test-vm-basic.js: a body that closes the generated function and opens another is a syntax error")
    void bodyClosingTheWrapperIsASyntaxError() {
        // Node's message is V8's "Unexpected token '}'"; GraalJS words the same SyntaxError its own way.
        ScriptSyntaxException error = catchThrowableOfType(ScriptSyntaxException.class,
                () -> vm.compileFunction("});\n\n(function() {\nconsole.log(1);\n})();\n\n(function() {", List.of(), FunctionOptions.defaults()));
        assertThat(error).isNotNull();
        assertThat(error.line()).isEqualTo(1);
        assertThat(error.reason()).isEqualTo("Expected ; but found )");
    }

    @Test
    @DisplayName("test-vm-basic.js: compileFunction without code is rejected with an error naming the code")
    void missingBodyIsRejected() {
        assertThatThrownBy(() -> vm.compileFunction(null, List.of(), FunctionOptions.defaults())).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("body");
    }

    @Test
    @DisplayName("test-vm-basic.js: an empty body without parameters or options compiles")
    void emptyBodyCompiles() {
        JsFunction empty = vm.compileFunction("", List.of(), FunctionOptions.defaults());
        assertThat(empty.call()).isNull();
    }

    @Test
    @DisplayName("test-vm-basic.js: null params are rejected with an error naming the params")
    void nullParamsAreRejected() {
        assertThatThrownBy(() -> vm.compileFunction("", null, FunctionOptions.defaults())).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("params");
    }

    @Test
    @DisplayName("test-vm-basic.js: compileFunction with null options is rejected with an error naming the options")
    void nullFunctionOptionsAreRejected() {
        assertThatThrownBy(() -> vm.compileFunction("", List.of(), null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("options");
    }

    @Test
    @DisplayName("test-vm-basic.js: a null filename option is rejected with an error naming the filename")
    void nullFilenameIsRejected() {
        assertThatThrownBy(() -> FunctionOptions.builder().filename(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("filename");
    }

    @Test
    @DisplayName("test-vm-basic.js: a null parsingContext option is rejected with an error naming the parsingContext")
    void nullParsingContextIsRejected() {
        assertThatThrownBy(() -> FunctionOptions.builder().parsingContext(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("parsingContext");
    }

    @Test
    @DisplayName("test-vm-basic.js: a context extension's properties are in scope for the body")
    void contextExtensionIsInScope() {
        JsFunction readA = vm.compileFunction("return a;", List.of(),
                FunctionOptions.builder().contextExtensions(List.of(Map.of("a", 5))).build());
        assertThat(readA.call()).isEqualTo(5);
    }

    @Test
    @DisplayName("test-vm-basic.js: a null contextExtensions option is rejected with an error naming the contextExtensions")
    void nullContextExtensionsAreRejected() {
        assertThatThrownBy(() -> FunctionOptions.builder().contextExtensions(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("contextExtensions");
    }

    @Test
    @DisplayName("test-vm-basic.js: an error thrown by a compiled function reports the message and <anonymous>:1:7 as its top frame")
    void compiledFunctionErrorPosition() {
        assertTopFrame(FunctionOptions.defaults(), "<anonymous>:1:7");
    }

    @Test
    @DisplayName("test-vm-basic.js: the lineOffset option moves the top frame of a compiled function's error to line 4")
    void compiledFunctionErrorLineOffset() {
        assertTopFrame(FunctionOptions.builder().lineOffset(3).build(), "<anonymous>:4:7");
    }

    @Test
    @DisplayName("test-vm-basic.js: the columnOffset option moves the top frame of a compiled function's error to column 10")
    void compiledFunctionErrorColumnOffset() {
        assertTopFrame(FunctionOptions.builder().columnOffset(3).build(), "<anonymous>:1:10");
    }

    private static void assertTopFrame(FunctionOptions options, String frame) {
        JsFunction thrower = vm.compileFunction("throw new Error(\"Sample Error\")", List.of(), options);
        JsException error = catchThrowableOfType(JsException.class, thrower::call);
        assertThat(error).isNotNull();
        assertThat(error.errorMessage()).isEqualTo("Sample Error");
        assertThat(error.getMessage()).isEqualTo("Error: Sample Error");
        assertThat(error.frames()).isNotEmpty();
        assertThat(error.frames().get(0)).hasToString(frame);
    }

    @Test
    @DisplayName("test-vm-basic.js: a function compiled in a parsing context reads that context's globals")
    void parsingContextGlobalsAreVisible() {
        try (VmContext ctx = vm.createContext(Map.of("varInContext", "abc"))) {
            JsFunction read = vm.compileFunction("return varInContext", List.of(),
                    FunctionOptions.builder().parsingContext(ctx).build());
            assertThat(read.call()).isEqualTo("abc");
        }
    }

    private static JsException unboundReferenceError() {
        try (Vm own = Vm.create()) {
            JsFunction read = own.compileFunction("return varInContext", List.of(), FunctionOptions.defaults());
            return catchThrowableOfType(JsException.class, read::call);
        }
    }

    @Test
    @DisplayName("test-vm-basic.js: without a parsing context the function does not see another context's global: ReferenceError 'varInContext is not defined'")
    void withoutParsingContextTheGlobalIsNotDefined() {
        JsException error = unboundReferenceError();
        assertThat(error).isNotNull();
        assertThat(error.getMessage()).isEqualTo("ReferenceError: varInContext is not defined");
        assertThat(error.errorMessage()).isEqualTo("varInContext is not defined");
    }

    @Test
    @NodeDifference("D16")
    @DisplayName("test-vm-basic.js: the ReferenceError of the undefined varInContext has <anonymous>:1:1 as its top frame")
    void unboundReferenceErrorPosition() {
        // V8 reports the start of the return statement (1:1); GraalJS reports the variable itself (1:8).
        JsException error = unboundReferenceError();
        assertThat(error).isNotNull();
        assertThat(error.frames()).isNotEmpty();
        assertThat(error.frames().get(0)).hasToString("<anonymous>:1:8");
    }

    @Test
    @DisplayName("test-vm-basic.js: a function compiled in a parsing context reads that context's global, not the caller's")
    void parsingContextGlobalIsNotTheCallers() {
        try (Vm own = Vm.create(); VmContext ctx = own.createContext(Map.of("global", Map.of()))) {
            own.compile("var callerMarker = 1;").runInThisContext();
            Object callers = own.compileFunction("return globalThis", List.of(), FunctionOptions.defaults()).call();
            Object seen = own.compileFunction("return global", List.of(), FunctionOptions.builder().parsingContext(ctx).build()).call();
            assertThat(seen).isEqualTo(Map.of());
            assertThat(seen).isNotEqualTo(callers);
        }
    }

    @Test
    @DisplayName("test-vm-basic.js: a function compiled without a parsing context returns the caller's (main context's) global object")
    void mainContextFunctionReturnsTheCallersGlobal() {
        try (Vm own = Vm.create()) {
            own.compile("var callerMarker = 'main';").runInThisContext();
            Object callers = own.compile("globalThis").runInThisContext();
            // Node's `global` is its own alias of globalThis, which jsvm contexts do not define.
            Object seen = own.compileFunction("return globalThis", List.of(), FunctionOptions.defaults()).call();
            assertThat(seen).isEqualTo(callers);
            assertThat(seen).asInstanceOf(MAP).containsEntry("callerMarker", "main");
        }
    }
}
