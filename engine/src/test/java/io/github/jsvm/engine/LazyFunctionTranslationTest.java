package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jsvm.JsException;
import io.github.jsvm.Script;
import io.github.jsvm.ScriptSyntaxException;
import io.github.jsvm.Vm;
import io.github.jsvm.VmContext;
import io.github.jsvm.VmOptions;
import org.junit.jupiter.api.Test;

/**
 * {@link VmOptions#lazyFunctionTranslation()}: what moves from compile time to a function's first
 * call, and what does not.
 */
class LazyFunctionTranslationTest {

    /*
     * The one error GraalJS finds while translating rather than parsing: a call with more
     * arguments than its limit (65535). Where it surfaces tells whether the option took effect.
     */
    private static final String CALL_WITH_TOO_MANY_ARGUMENTS =
            "function tooMany() { return Math.max(" + "1,".repeat(70_000) + "1); }\n'compiled';";

    @Test
    void byDefaultAFunctionBodyIsTranslatedOnItsFirstCall() {
        try (Vm vm = Vm.create(); VmContext context = vm.createContext()) {
            assertThat(VmOptions.defaults().lazyFunctionTranslation()).isTrue();
            Script script = vm.compile(CALL_WITH_TOO_MANY_ARGUMENTS);
            assertThat(script.runInContext(context)).isEqualTo("compiled");
            assertThatThrownBy(() -> vm.compile("tooMany()").runInContext(context))
                    .isInstanceOf(JsException.class).hasMessageContaining("too many");
            assertThat(vm.compile("1 + 1").runInContext(context)).as("the context stays usable").isEqualTo(2);
        }
    }

    @Test
    void eagerTranslationDoesAllTheWorkAtCompileTime() {
        try (Vm vm = Vm.create(VmOptions.builder().lazyFunctionTranslation(false).build())) {
            assertThatThrownBy(() -> vm.compile(CALL_WITH_TOO_MANY_ARGUMENTS))
                    .isInstanceOf(ScriptSyntaxException.class).hasMessageContaining("too many");
        }
    }

    @Test
    void syntaxErrorsInsideFunctionBodiesAreStillReportedAtCompileTime() {
        try (Vm vm = Vm.create()) {
            assertThatThrownBy(() -> vm.compile("function never() { let x = 1; let x = 2; }\n0;", io.github.jsvm.ScriptOptions.builder()
                    .filename("lazy.js").build()))
                    .isInstanceOf(ScriptSyntaxException.class)
                    .satisfies(e -> assertThat(((ScriptSyntaxException) e).line()).isEqualTo(1));
        }
    }

    @Test
    void lazilyTranslatedFunctionsBehaveTheSameInEveryContext() {
        String library = "function add(a, b) { return a + b; } function unused() { return 'never'; } "
                + "var counter = 0; function next() { return ++counter; }\n";
        try (Vm lazy = Vm.create(); Vm eager = Vm.create(VmOptions.builder().lazyFunctionTranslation(false).build())) {
            for (Vm vm : new Vm[] {lazy, eager}) {
                Script script = vm.compile(library + "[add(2, 3), next(), next()].join(',')");
                for (int i = 0; i < 3; i++) {
                    try (VmContext context = vm.createContext()) {
                        assertThat(script.runInContext(context)).isEqualTo("5,1,2");
                    }
                }
            }
        }
    }
}
