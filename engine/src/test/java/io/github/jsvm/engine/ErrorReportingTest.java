package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.jsvm.JsException;
import io.github.jsvm.JsStackFrame;
import io.github.jsvm.ScriptOptions;
import io.github.jsvm.ScriptSyntaxException;
import io.github.jsvm.VmContext;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ErrorReportingTest extends SharedVmTest {
    private static VmContext context;

    @BeforeAll
    static void createContext() {
        context = vm.createContext();
    }

    @Test
    void syntaxErrorsNameFileLineAndColumnAndShowTheLine() {
        ScriptSyntaxException error = catchThrowableOfType(ScriptSyntaxException.class,
                () -> vm.compile("let ok = 1;\nvar x y;\n", ScriptOptions.builder().filename("bad.js").build()));
        assertThat(error.filename()).isEqualTo("bad.js");
        assertThat(error.line()).isEqualTo(2);
        assertThat(error.column()).isEqualTo(7);
        assertThat(error.sourceLine()).isEqualTo("var x y;");
        assertThat(error.getMessage()).isEqualTo("bad.js:2\nvar x y;\n      ^\nSyntaxError: " + error.reason());
        assertThat(error.reason()).isNotBlank().doesNotContain("bad.js");
    }

    @Test
    void syntaxErrorsApplyOffsets() {
        ScriptSyntaxException onFirstLine = catchThrowableOfType(ScriptSyntaxException.class,
                () -> vm.compile("var x y;", ScriptOptions.builder().filename("off.js").lineOffset(10).columnOffset(4).build()));
        assertThat(onFirstLine.line()).isEqualTo(11);
        assertThat(onFirstLine.column()).isEqualTo(11);
        assertThat(onFirstLine.getMessage()).startsWith("off.js:11\nvar x y;\n      ^\n");
        ScriptSyntaxException onLaterLine = catchThrowableOfType(ScriptSyntaxException.class,
                () -> vm.compile("1;\nvar x y;", ScriptOptions.builder().filename("off.js").lineOffset(-1).columnOffset(4).build()));
        assertThat(onLaterLine.line()).isEqualTo(1);
        assertThat(onLaterLine.column()).isEqualTo(7);
    }

    @Test
    void lineSeparatorsCountAsLineTerminatorsAsInEcmaScript() {
        JsException thrown = catchThrowableOfType(JsException.class, () -> vm.compile("1;\u2028\u2029  throw new Error('x')",
                ScriptOptions.builder().filename("ls.js").build()).runInContext(context));
        assertThat(thrown.frames()).first().satisfies(frame -> {
            assertThat(frame.line()).isEqualTo(3);
            assertThat(frame.column()).isEqualTo(9);
        });
        ScriptSyntaxException syntax = catchThrowableOfType(ScriptSyntaxException.class,
                () -> vm.compile("1;\u2028 )\n2;", ScriptOptions.builder().filename("ls.js").lineOffset(10).build()));
        assertThat(syntax.line()).isEqualTo(12);
        assertThat(syntax.column()).isEqualTo(2);
        assertThat(syntax.sourceLine()).isEqualTo(" )");
        ScriptSyntaxException crlf = catchThrowableOfType(ScriptSyntaxException.class,
                () -> vm.compile("1;\r\n2;\u2029\r3 )", ScriptOptions.builder().filename("ls.js").build()));
        assertThat(crlf.line()).isEqualTo(4);
        assertThat(crlf.sourceLine()).isEqualTo("3 )");
    }

    @Test
    void aSyntaxErrorInAHugeLineShowsAWindowOfItNotTheWholeLine() {
        String line = "x".repeat(1_000_000) + " )" + "y".repeat(1_000_000);
        ScriptSyntaxException error = catchThrowableOfType(ScriptSyntaxException.class, () -> vm.compile(line));
        assertThat(error.getMessage().length()).isLessThan(1000);
        assertThat(error.sourceLine()).startsWith("…x").endsWith("y…").contains(" )").hasSizeLessThan(200);
        String[] lines = error.getMessage().split("\n");
        assertThat(lines[1].charAt(lines[2].indexOf('^'))).isEqualTo(')');
        assertThat(error.column()).isEqualTo(1_000_002);
    }

    @Test
    void hugeThrownValuesAndMessagesAreCutBeforeTheyAreCopiedAndTheCutIsMarked() {
        JsException string = catchThrowableOfType(JsException.class, () -> vm.compile("throw 'x'.repeat(1e6)").runInContext(context));
        assertThat(string.errorMessage()).hasSize(ErrorTranslator.MAX_TEXT + "… [991808 more characters]".length())
                .startsWith("xxx").endsWith("x… [991808 more characters]");
        assertThat(string.thrownValue()).isEqualTo(string.errorMessage());
        JsException error = catchThrowableOfType(JsException.class,
                () -> vm.compile("throw new TypeError('y'.repeat(1e6))").runInContext(context));
        assertThat(error.errorName()).isEqualTo("TypeError");
        assertThat(error.errorMessage()).startsWith("yyy").endsWith("more characters]").hasSizeLessThan(ErrorTranslator.MAX_TEXT + 100);
        JsException deep = catchThrowableOfType(JsException.class, () -> vm.compile(
                "Error.stackTraceLimit = Infinity; (function down(n) { if (n === 0) throw new Error('deep'); down(n - 1); })(2000)")
                .runInContext(context));
        assertThat(deep.frames()).hasSize(ErrorTranslator.MAX_FRAMES);
        vm.compile("Error.stackTraceLimit = 10").runInContext(context);
    }

    @Test
    void guestErrorsCarryNameMessageAndStackWithOffsets() {
        String code = """
                function inner() { null.boom; }
                function outer() { inner(); }
                outer();
                """;
        JsException error = catchThrowableOfType(JsException.class, () -> vm.compile(code,
                ScriptOptions.builder().filename("app.js").lineOffset(100).columnOffset(50).build()).runInContext(context));
        assertThat(error.errorName()).isEqualTo("TypeError");
        assertThat(error.errorMessage()).contains("boom");
        assertThat(error.getMessage()).isEqualTo("TypeError: " + error.errorMessage());
        assertThat(error.frames()).extracting(JsStackFrame::functionName).containsExactly("inner", "outer", "");
        assertThat(error.frames()).extracting(JsStackFrame::filename).containsOnly("app.js");
        assertThat(error.frames()).extracting(JsStackFrame::line).containsExactly(101, 102, 103);
        assertThat(error.frames().get(0).column()).as("column offset applies to line 1 only").isEqualTo(20 + 50);
        assertThat(error.frames().get(1).column()).isEqualTo(20);
        assertThat(error.displayHeader()).isEqualTo("app.js:101\nfunction inner() { null.boom; }\n                   ^\n");
        assertThat(error.jsStack()).isEqualTo("""
                app.js:101
                function inner() { null.boom; }
                                   ^

                TypeError: %s
                    at inner (app.js:101:70)
                    at outer (app.js:102:20)
                    at app.js:103:1""".formatted(error.errorMessage()));
        assertThat(error.thrownValue()).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) error.thrownValue()).get("name")).isEqualTo("TypeError");
    }

    @Test
    void offsetsNearTheEndOfTheIntRangeNeverMakeAPositionNegative() {
        JsException error = catchThrowableOfType(JsException.class, () -> vm.compile("1;\nthrow new Error('far');",
                ScriptOptions.builder().filename("far.js").lineOffset(Integer.MAX_VALUE).columnOffset(Integer.MAX_VALUE).build())
                .runInContext(context));
        assertThat(error.frames()).extracting(JsStackFrame::line).containsExactly(Integer.MAX_VALUE);
        assertThat(error.jsStack()).contains("far.js:" + Integer.MAX_VALUE).doesNotContain(":-");
    }

    @Test
    void theDisplayHeaderShowsWhatTheUserWroteNotTheModulePrologue() {
        io.github.jsvm.SourceTextModule module = vm.sourceTextModule("throw new RangeError('first line');",
                io.github.jsvm.ModuleOptions.builder().context(context).identifier("m.mjs").build());
        module.link();
        JsException error = catchThrowableOfType(JsException.class, module::evaluate);
        // As V8: a thrown new error is marked at its throw (the innermost frame points at the new).
        assertThat(error.displayHeader()).isEqualTo("m.mjs:1\nthrow new RangeError('first line');\n^\n");
    }

    @Test
    void aThrowInAHugeOneLineScriptShowsAWindowOfTheLine() {
        String code = "var a = 1;".repeat(1000) + "throw new Error('deep');" + "var b = 2;".repeat(1000);
        JsException error = catchThrowableOfType(JsException.class, () -> vm.compile(code).runInContext(context));
        String[] lines = error.displayHeader().split("\n");
        assertThat(lines[0]).isEqualTo("evalmachine.<anonymous>:1");
        assertThat(lines[1]).startsWith("…").endsWith("…").contains("throw new Error('deep');").hasSizeLessThan(200);
        assertThat(lines[1].substring(lines[2].length() - 1)).as("caret under the throw").startsWith("throw new Error('deep')");
    }

    @Test
    void anErrorWithoutMessageIsSummarizedByItsNameAsInNode() {
        JsException error = catchThrowableOfType(JsException.class, () -> vm.compile("throw new TypeError()").runInContext(context));
        assertThat(error.getMessage()).isEqualTo("TypeError");
        assertThat(error.jsStack()).contains("\nTypeError\n    at ");
    }

    @Test
    void theCaretMarksTheThrowKeywordOnlyWhenItIsOne() {
        assertThat(ErrorTranslator.throwStatementColumn("  throw   new Error()", 11)).isEqualTo(3);
        assertThat(ErrorTranslator.throwStatementColumn("rethrow new Error()", 9)).isEqualTo(9);
        assertThat(ErrorTranslator.throwStatementColumn("x = new Error()", 5)).isEqualTo(5);
        assertThat(ErrorTranslator.throwStatementColumn("throw", 1)).isEqualTo(1);
    }

    @Test
    void framesFromOtherScriptsKeepTheirOwnOffsets() {
        vm.compile("function helper() { throw new Error('from helper'); }",
                ScriptOptions.builder().filename("lib.js").lineOffset(9).build()).runInContext(context);
        JsException error = catchThrowableOfType(JsException.class,
                () -> vm.compile("helper()", ScriptOptions.builder().filename("main.js").build()).runInContext(context));
        assertThat(error.frames()).extracting(JsStackFrame::toString)
                .containsExactly("helper (lib.js:10:27)", "main.js:1:1");
    }

    @Test
    void thrownNonErrorsAreReported() {
        JsException error = catchThrowableOfType(JsException.class, () -> vm.compile("throw 42").runInContext(context));
        assertThat(error.errorName()).isNull();
        assertThat(error.errorMessage()).isEqualTo("42");
        assertThat(error.thrownValue()).isEqualTo(42);
        assertThat(error.getMessage()).isEqualTo("Uncaught 42");
        JsException object = catchThrowableOfType(JsException.class, () -> vm.compile("throw { code: 7 }").runInContext(context));
        assertThat(object.thrownValue()).isEqualTo(Map.of("code", 7));
    }

    @Test
    void customErrorClassesKeepTheirName() {
        assertThatThrownBy(() -> vm.compile("""
                class ValidationError extends Error { constructor(m) { super(m); this.name = 'ValidationError'; this.field = 'age'; } }
                throw new ValidationError('too young');
                """).runInContext(context))
                .isInstanceOfSatisfying(JsException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("ValidationError: too young");
                    assertThat(((Map<?, ?>) e.thrownValue()).get("field")).isEqualTo("age");
                });
    }

    @Test
    void hostileErrorObjectsDoNotHideTheFailure() {
        assertThatThrownBy(() -> vm.compile("""
                const e = new Error('real');
                Object.defineProperty(e, 'message', { get() { throw new Error('getter trap'); } });
                throw e;
                """).runInContext(context))
                .isInstanceOf(JsException.class);
    }

    @Test
    void syntaxErrorsAtRunTimeAreGuestErrors() {
        assertThatThrownBy(() -> vm.compile("eval('var x y')").runInContext(context))
                .isInstanceOfSatisfying(JsException.class, e -> assertThat(e.errorName()).isEqualTo("SyntaxError"));
        var redeclares = vm.compile("let once = 1;");
        try (VmContext fresh = vm.createContext()) {
            redeclares.runInContext(fresh);
            assertThatThrownBy(() -> redeclares.runInContext(fresh))
                    .isInstanceOfSatisfying(JsException.class, e -> {
                        assertThat(e.errorName()).isEqualTo("SyntaxError");
                        assertThat(e.errorMessage()).contains("once");
                    });
        }
    }
}
