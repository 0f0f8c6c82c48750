package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.jsvm.ContextOptions;
import io.github.jsvm.JsException;
import io.github.jsvm.VmContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Node's test of the {@code codeGeneration} context options: by default a context may {@code eval}
 * strings and compile WebAssembly; with {@code strings: false} {@code eval} throws the context's own
 * {@code EvalError}, both for {@code createContext} and for {@code runInNewContext}'s
 * {@code contextCodeGeneration}; with {@code wasm: false} compiling WebAssembly throws a
 * {@code CompileError}; option values of the wrong type are rejected. jsvm's switch is
 * {@code ContextOptions.codeGenerationFromStrings}; its {@code runInNewContext} takes no context
 * options, so that case creates the new context itself. jsvm contexts have no {@code WebAssembly}.
 */
@NodeTest("test/parallel/test-vm-codegen.js")
@Inexpressible(assertion = "createContext with codeGeneration { wasm: false } makes new WebAssembly.Module throw a CompileError",
        reason = "ContextOptions has no WebAssembly switch: GraalJS contexts of jsvm have no WebAssembly at all (see B-4)")
@Inexpressible(assertion = "runInNewContext with contextCodeGeneration { wasm: false } makes new WebAssembly.Module throw a CompileError",
        reason = "ContextOptions has no WebAssembly switch: GraalJS contexts of jsvm have no WebAssembly at all (see B-4)")
@Inexpressible(assertion = "codeGeneration { strings: 0 } is rejected with ERR_INVALID_ARG_TYPE",
        reason = "codeGenerationFromStrings takes a Java boolean; a number cannot be passed")
@Inexpressible(assertion = "contextCodeGeneration { wasm: 1 } is rejected with ERR_INVALID_ARG_TYPE",
        reason = "there is no wasm option, and Java's types rule out a number where a boolean is expected")
@Inexpressible(assertion = "codeGeneration: 1 is rejected with ERR_INVALID_ARG_TYPE",
        reason = "the option is a typed builder method, not an object that could be a number")
@Inexpressible(assertion = "codeGeneration: null is rejected with ERR_INVALID_ARG_TYPE",
        reason = "the option is a Java boolean, which cannot be null")
class VmCodegenTest extends NodeVmTest {
    private static final List<Integer> WASM_BYTES = List.of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00);

    @Test
    @DisplayName("test-vm-codegen.js: with default options, eval of a string works in a created context and in runInNewContext")
    void evalAllowedByDefault() {
        try (VmContext ctx = vm.createContext(Map.of("WASM_BYTES", WASM_BYTES))) {
            assertThat(vm.compile("eval('\"evaluated\"')").runInContext(ctx)).isEqualTo("evaluated");
        }
        assertThat(vm.compile("eval('\"evaluated\"')").runInNewContext(Map.of("WASM_BYTES", WASM_BYTES))).isEqualTo("evaluated");
    }

    @Test
    @NodeDifference("D6")
    @DisplayName("test-vm-codegen.js: with default options, new WebAssembly.Module compiles a minimal module")
    void webAssemblyIsAbsent() {
        try (VmContext ctx = vm.createContext(Map.of("WASM_BYTES", WASM_BYTES))) {
            JsException e = catchThrowableOfType(JsException.class,
                    () -> vm.compile("new WebAssembly.Module(new Uint8Array(WASM_BYTES))").runInContext(ctx));
            assertThat(e.errorName()).isEqualTo("ReferenceError");
            assertThat(e.errorMessage()).contains("WebAssembly");
        }
    }

    @Test
    @DisplayName("test-vm-codegen.js: createContext with string code generation off makes eval throw the context's EvalError")
    void stringsOffThrowsTheContextsEvalError() {
        try (VmContext ctx = vm.createContext(Map.of(), ContextOptions.builder().codeGenerationFromStrings(false).build())) {
            JsException e = catchThrowableOfType(JsException.class, () -> vm.compile("eval(\"x\")").runInContext(ctx));
            assertThat(e.errorName()).isEqualTo("EvalError");
            assertThat(vm.compile("try { eval(\"x\"); false } catch (e) { e instanceof EvalError }").runInContext(ctx)).isEqualTo(true);
        }
    }

    @Test
    @DisplayName("test-vm-codegen.js: a new context with string code generation off makes eval throw an error named EvalError")
    void newContextWithStringsOffThrowsEvalError() {
        JsException e;
        try (VmContext ctx = vm.createContext(Map.of(), ContextOptions.builder().codeGenerationFromStrings(false).build())) {
            e = catchThrowableOfType(JsException.class, () -> vm.compile("eval(\"x\")").runInContext(ctx));
        }
        assertThat(e.errorName()).isEqualTo("EvalError");
    }
}
