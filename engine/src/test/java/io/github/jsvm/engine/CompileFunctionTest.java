package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.jsvm.FunctionOptions;
import io.github.jsvm.InvalidArgumentException;
import io.github.jsvm.JsException;
import io.github.jsvm.JsFunction;
import io.github.jsvm.ScriptSyntaxException;
import io.github.jsvm.VmContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompileFunctionTest extends SharedVmTest {
    @Test
    void compilesABodyWithParameters() {
        JsFunction add = vm.compileFunction("return a + b;", List.of("a", "b"), FunctionOptions.defaults());
        assertThat(add.call(2, 3)).isEqualTo(5);
        // A null argument is JavaScript's null, through the varargs form as through the list form.
        assertThat(add.call(null, 3)).isEqualTo(3);
        assertThat(add.call(java.util.Arrays.asList(null, "x"), io.github.jsvm.RunOptions.defaults())).isEqualTo("nullx");
        assertThat(add.call("x", "y")).isEqualTo("xy");
    }

    @Test
    void parameterNamesAreWhatJavaScriptAcceptsAsBindings() {
        JsFunction unusual = vm.compileFunction("return \u2118 + a\u00B7;", List.of("\u2118", "a\u00B7"), FunctionOptions.defaults());
        assertThat(unusual.call(40, 2)).isEqualTo(42);
        for (String reserved : List.of("if", "class", "this", "null", "enum")) {
            assertThatThrownBy(() -> vm.compileFunction("return 1;", List.of("a", reserved), FunctionOptions.defaults()))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessage("params[1] is a reserved word, which cannot name a parameter: '" + reserved + "'");
        }
    }

    @Test
    void tooManyParametersFailTheCompileAsInNodeNotTheFirstCall() {
        List<String> most = java.util.stream.IntStream.range(0, 65_534).mapToObj(i -> "p" + i).toList();
        JsFunction widest = vm.compileFunction("return p65533;", most, FunctionOptions.defaults());
        assertThat(widest.call()).isNull();
        List<String> tooMany = java.util.stream.IntStream.range(0, 65_535).mapToObj(i -> "p" + i).toList();
        assertThatThrownBy(() -> vm.compileFunction("return 1;", tooMany, FunctionOptions.defaults()))
                .isInstanceOf(io.github.jsvm.ScriptSyntaxException.class)
                .hasMessageContaining("Too many parameters in function definition (only 65534 allowed)");
    }

    @Test
    void aBodyThatEndsTooEarlyIsReportedAtItsEndNotOnTheGeneratedWrapper() {
        FunctionOptions options = FunctionOptions.builder().filename("f.js").lineOffset(10).build();
        assertThatThrownBy(() -> vm.compileFunction("`", List.of(), options))
                .isInstanceOfSatisfying(io.github.jsvm.ScriptSyntaxException.class, e -> {
                    assertThat(e.line()).isEqualTo(11);
                    assertThat(e.column()).isEqualTo(2);
                    assertThat(e.sourceLine()).isEqualTo("`");
                    assertThat(e).hasMessageStartingWith("f.js:11\n`\n ^\nSyntaxError: ").hasMessageNotContaining("})");
                });
        assertThatThrownBy(() -> vm.compileFunction("let a = 1;\nreturn a + b; /* never closed", List.of("b"), options))
                .isInstanceOfSatisfying(io.github.jsvm.ScriptSyntaxException.class, e -> {
                    assertThat(e.line()).isEqualTo(12);
                    assertThat(e.sourceLine()).isEqualTo("return a + b; /* never closed");
                });
        assertThatThrownBy(() -> vm.compileFunction("return 1 +;", List.of(), options))
                .isInstanceOfSatisfying(io.github.jsvm.ScriptSyntaxException.class, e -> {
                    assertThat(e.line()).as("an error inside the body keeps its place").isEqualTo(11);
                    assertThat(e.column()).isEqualTo(11);
                });
    }

    @Test
    void runsInTheParsingContext() {
        try (VmContext context = vm.createContext(Map.of("base", 100))) {
            JsFunction f = vm.compileFunction("globalThis.calls = (globalThis.calls || 0) + 1; return base + n;",
                    List.of("n"), FunctionOptions.builder().parsingContext(context).build());
            assertThat(f.call(1)).isEqualTo(101);
            assertThat(f.context()).isSameAs(context);
            assertThat(context.global("calls")).isEqualTo(1);
        }
    }

    @Test
    void functionsWithoutParsingContextShareTheMainContext() {
        JsFunction set = vm.compileFunction("globalThis.shared = v;", List.of("v"), FunctionOptions.defaults());
        JsFunction get = vm.compileFunction("return globalThis.shared;", List.of(), FunctionOptions.defaults());
        set.call("hello");
        assertThat(get.call()).isEqualTo("hello");
        assertThat(get.context()).isSameAs(set.context());
    }

    @Test
    void contextExtensionsAreInScopeInnermostLast() {
        JsFunction f = vm.compileFunction("return [a, b, typeof c];", List.of(), FunctionOptions.builder()
                .contextExtensions(List.of(Map.of("a", "outer-a", "b", "outer-b"), Map.of("b", "inner-b")))
                .build());
        assertThat(f.call()).isEqualTo(List.of("outer-a", "inner-b", "undefined"));
    }

    @Test
    void stackPositionsPointIntoTheBodyWithOffsets() {
        JsFunction f = vm.compileFunction("let x = 1;\nthrow new Error('in body');", List.of(),
                FunctionOptions.builder().filename("fn.js").lineOffset(20).columnOffset(5).build());
        JsException error = catchThrowableOfType(JsException.class, f::call);
        assertThat(error.frames().get(0).filename()).isEqualTo("fn.js");
        assertThat(error.frames().get(0).line()).isEqualTo(22);
        assertThat(error.frames().get(0).column()).isEqualTo(7);
        JsFunction first = vm.compileFunction("throw new Error('x');", List.of(),
                FunctionOptions.builder().filename("fn.js").columnOffset(5).build());
        JsException onFirstLine = catchThrowableOfType(JsException.class, first::call);
        assertThat(onFirstLine.frames().get(0).line()).isEqualTo(1);
        assertThat(onFirstLine.frames().get(0).column()).isEqualTo(7 + 5);
    }

    @Test
    void framesOfAFunctionWithoutFilenameReadAnonymousAsInNode() {
        JsFunction f = vm.compileFunction("null.x", List.of(), FunctionOptions.defaults());
        JsException error = catchThrowableOfType(JsException.class, f::call);
        assertThat(error.frames().get(0)).hasToString("<anonymous>:1:1");
    }

    @Test
    void syntaxErrorsInTheBodyReportBodyPositions() {
        ScriptSyntaxException error = catchThrowableOfType(ScriptSyntaxException.class, () -> vm.compileFunction(
                "let ok;\nreturn 1 +;", List.of(), FunctionOptions.builder().filename("broken.js").build()));
        assertThat(error.filename()).isEqualTo("broken.js");
        assertThat(error.line()).isEqualTo(2);
        assertThat(error.sourceLine()).isEqualTo("return 1 +;");
    }

    @Test
    void aBodyCannotBreakOutOfTheWrapper() {
        try (VmContext context = vm.createContext()) {
            String escape = "return 1;\n}; globalThis.ranAtCompileTime = true; return function () {";
            assertThatThrownBy(() -> vm.compileFunction(escape, List.of(),
                    FunctionOptions.builder().parsingContext(context).filename("escape.js").build()))
                    .isInstanceOf(ScriptSyntaxException.class)
                    .hasMessageContaining("escape.js")
                    .hasMessageContaining("not a valid function body");
            assertThat(context.global("ranAtCompileTime")).isNull();
        }
    }

    @Test
    void parameterNamesMustBeIdentifiers() {
        assertThatThrownBy(() -> vm.compileFunction("return 1", List.of("ok", "a) { evil(); } (b"), FunctionOptions.defaults()))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("params[1] is not a JavaScript identifier: 'a) { evil(); } (b'");
        assertThat(vm.compileFunction("return ñ + $_", List.of("ñ", "$_"), FunctionOptions.defaults()).call(1, 2))
                .isEqualTo(3);
    }
}
