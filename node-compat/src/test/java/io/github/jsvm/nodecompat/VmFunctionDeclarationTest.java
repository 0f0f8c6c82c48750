package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.JsFunction;
import io.github.jsvm.Script;
import io.github.jsvm.ScriptOptions;
import io.github.jsvm.Vm;
import io.github.jsvm.VmContext;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Ports Node's check that both a function assigned to a {@code var} and a function declaration
 * become properties of the sandbox, and that the script's completion value, read through the global
 * object, is that same declared function.
 */
@NodeTest("test/parallel/test-vm-function-declaration.js")
class VmFunctionDeclarationTest {
    private static final String CODE = """
            var a = function() {};
            function b(){}
            (function(){return this})().b;
            """;
    private static Vm vm;
    private VmContext ctx;
    private Object result;

    @BeforeAll
    static void createVm() {
        vm = Vm.create();
    }

    @AfterAll
    static void closeVm() {
        vm.close();
    }

    @BeforeEach
    void runTheScript() {
        ctx = vm.createContext(Map.of());
        Script script = vm.compile(CODE, ScriptOptions.builder().filename("test").build());
        result = script.runInContext(ctx);
    }

    @AfterEach
    void closeContext() {
        ctx.close();
    }

    @Test
    @DisplayName("test-vm-function-declaration.js: the completion value is a function")
    void resultIsAFunction() {
        assertThat(result).isInstanceOf(JsFunction.class);
    }

    @Test
    @DisplayName("test-vm-function-declaration.js: the completion value is named b")
    void resultIsNamedB() {
        ctx.setGlobal("probe", result);
        assertThat(vm.compile("probe.name").runInContext(ctx)).isEqualTo("b");
    }

    @Test
    @DisplayName("test-vm-function-declaration.js: the function assigned to var a is a function on the sandbox")
    void varFunctionIsOnTheSandbox() {
        assertThat(ctx.global("a")).isInstanceOf(JsFunction.class);
        assertThat(ctx.globals()).containsKey("a");
    }

    @Test
    @DisplayName("test-vm-function-declaration.js: the declared function b is a function on the sandbox")
    void declaredFunctionIsOnTheSandbox() {
        assertThat(ctx.global("b")).isInstanceOf(JsFunction.class);
        assertThat(ctx.globals()).containsKey("b");
    }

    @Test
    @DisplayName("test-vm-function-declaration.js: the completion value is the sandbox's b function itself")
    void resultIsTheGlobalB() {
        // Function handles are copies: identity is checked where it lives, in the context.
        ctx.setGlobal("probe", result);
        assertThat(vm.compile("probe === b").runInContext(ctx)).isEqualTo(true);
        ctx.setGlobal("probe", ctx.global("a"));
        assertThat(vm.compile("probe === b").runInContext(ctx)).isEqualTo(false);
    }
}
