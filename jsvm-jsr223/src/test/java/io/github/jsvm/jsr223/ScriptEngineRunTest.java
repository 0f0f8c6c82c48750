package io.github.jsvm.jsr223;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jsvm.ContextOptions;
import io.github.jsvm.JsException;
import io.github.jsvm.RunOptions;
import io.github.jsvm.ScriptSyntaxException;
import io.github.jsvm.ScriptTimeoutException;
import io.github.jsvm.Vm;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.script.Bindings;
import javax.script.Compilable;
import javax.script.CompiledScript;
import javax.script.Invocable;
import javax.script.ScriptContext;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;
import javax.script.SimpleBindings;
import org.junit.jupiter.api.Test;

/** Running code through {@code javax.script}: readers, output, errors, compiled scripts, invocation, threads. */
class ScriptEngineRunTest {
    private final ScriptEngine engine = new ScriptEngineManager().getEngineByName("jsvm");

    /** Implemented by guest functions in the tests below. */
    public interface Calculator {
        int add(int a, int b);

        double half(double x);

        default String describe() {
            return "calculator " + add(1, 1);
        }
    }

    @Test
    void theReadmeExamplePrintsWhatTheReadmeSays() throws Exception {
        engine.put("price", 20);
        engine.eval("var total = price * 1.2; function discount(p) { return total * (1 - p); }");
        assertThat(engine.get("total")).isEqualTo(24);
        assertThat(((Invocable) engine).invokeFunction("discount", 0.5)).isEqualTo(12);
        assertThat(((Compilable) engine).compile("total + 1").eval()).isEqualTo(25);
    }

    @Test
    void evalReadsAScriptFromAReader() throws ScriptException {
        assertThat(engine.eval(new StringReader("[1, 2, 3].map(x => x * 2)"))).isEqualTo(List.of(2, 4, 6));
        assertThat(engine.eval(new StringReader("var fromReader = 'ok'; fromReader"), new SimpleBindings())).isEqualTo("ok");
    }

    @Test
    void aWriterThatCannotFlushDoesNotHideTheScriptsError() {
        engine.getContext().setWriter(new java.io.Writer() {
            @Override
            public void write(char[] buffer, int offset, int length) {}

            @Override
            public void flush() throws java.io.IOException {
                throw new java.io.IOException("the writer is broken");
            }

            @Override
            public void close() {}
        });
        assertThatThrownBy(() -> engine.eval("throw new TypeError('the script failed')"))
                .isInstanceOf(ScriptException.class).hasMessageContaining("the script failed")
                .satisfies(e -> assertThat(e.getCause().getSuppressed()).singleElement()
                        .satisfies(s -> assertThat(s).hasRootCauseMessage("the writer is broken")));
    }

    @Test
    void consoleOutputGoesToTheContextsWritersAsItHappens() throws ScriptException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        engine.getContext().setWriter(out);
        engine.getContext().setErrorWriter(err);
        engine.put("seen", (io.github.jsvm.HostFunction) args -> out.toString());
        Object seenDuringRun = engine.eval("console.log('héllo', 1, true); console.info('i'); console.error('bad'); console.warn('careful'); seen()");
        assertThat(seenDuringRun).isEqualTo(out.toString());
        assertThat(out.toString()).isEqualTo("héllo 1 true\ni\n");
        assertThat(err.toString()).isEqualTo("bad\ncareful\n");

        StringWriter later = new StringWriter();
        engine.getContext().setWriter(later);
        engine.eval("console.log('to the new writer')");
        assertThat(later.toString()).isEqualTo("to the new writer\n");
        assertThat(out.toString()).doesNotContain("new writer");
    }

    @Test
    void aThrownErrorCarriesFileLineAndColumn() {
        engine.put(ScriptEngine.FILENAME, "report.js");
        assertThatThrownBy(() -> engine.eval("var ok = 1;\n  null.boom;"))
                .isInstanceOfSatisfying(ScriptException.class, e -> {
                    assertThat(e.getFileName()).isEqualTo("report.js");
                    assertThat(e.getLineNumber()).isEqualTo(2);
                    assertThat(e.getColumnNumber()).isEqualTo(3);
                    assertThat(e.getMessage()).startsWith("TypeError: ").contains("report.js", "line number 2", "column number 3");
                    assertThat(e.getCause()).isInstanceOf(JsException.class);
                });
    }

    @Test
    void aSyntaxErrorCarriesFileLineAndColumn() {
        engine.put(ScriptEngine.FILENAME, "broken.js");
        assertThatThrownBy(() -> engine.eval("let a = 1;\nlet b = ;"))
                .isInstanceOfSatisfying(ScriptException.class, e -> {
                    assertThat(e.getFileName()).isEqualTo("broken.js");
                    assertThat(e.getLineNumber()).isEqualTo(2);
                    assertThat(e.getColumnNumber()).isPositive();
                    assertThat(e.getMessage()).startsWith("SyntaxError: ");
                    assertThat(e.getCause()).isInstanceOf(ScriptSyntaxException.class);
                });
        assertThatThrownBy(() -> ((Compilable) engine).compile("(")).isInstanceOf(ScriptException.class);
    }

    @Test
    void runOptionsOfTheFactoryStopRunawayScripts() {
        try (Vm vm = Vm.create()) {
            ContextOptions limited = ContextOptions.builder().runOptions(RunOptions.withTimeout(Duration.ofMillis(200))).build();
            ScriptEngine bounded = new JsvmScriptEngineFactory(vm, limited).getScriptEngine();
            assertThatThrownBy(() -> bounded.eval("while (true) {}"))
                    .isInstanceOf(ScriptException.class)
                    .hasCauseInstanceOf(ScriptTimeoutException.class)
                    .hasMessageContaining("timed out");
        }
    }

    @Test
    void aCompiledScriptRunsAgainstManyScopesAndComesFromTheCompileCache() throws ScriptException {
        try (Vm vm = Vm.create()) {
            JsvmScriptEngine cached = new JsvmScriptEngineFactory(vm).getScriptEngine();
            String code = "var runs = (typeof runs === 'number' ? runs : 0) + 1; base * 2";
            CompiledScript script = cached.compile(code);
            assertThat(script.getEngine()).isSameAs(cached);
            long hits = vm.scriptCacheStats().hits();
            cached.compile(code);
            assertThat(vm.scriptCacheStats().hits()).isEqualTo(hits + 1);

            Bindings first = new SimpleBindings(new java.util.HashMap<>(Map.of("base", 1)));
            Bindings second = new SimpleBindings(new java.util.HashMap<>(Map.of("base", 10)));
            assertThat(script.eval(first)).isEqualTo(2);
            assertThat(script.eval(first)).isEqualTo(2);
            assertThat(script.eval(second)).isEqualTo(20);
            assertThat(first).containsEntry("runs", 2);
            assertThat(second).containsEntry("runs", 1);
            cached.put("base", 3);
            assertThat(script.eval()).isEqualTo(6);
        }
    }

    @Test
    void invokeFunctionCallsAGlobalFunction() throws Exception {
        Invocable invocable = (Invocable) engine;
        engine.eval("var calls = 0; function greet(name, times) { calls++; return ('hi ' + name + ' ').repeat(times).trim(); }");
        assertThat(invocable.invokeFunction("greet", "ann", 2)).isEqualTo("hi ann hi ann");
        assertThat(engine.get("calls")).isEqualTo(1);
        assertThat(invocable.invokeFunction("greet", null, 1)).isEqualTo("hi null");
        assertThatThrownBy(() -> invocable.invokeFunction("missing")).isInstanceOf(NoSuchMethodException.class).hasMessageContaining("missing");
        engine.eval("function fails() { throw new RangeError('no') }");
        assertThatThrownBy(() -> invocable.invokeFunction("fails"))
                .isInstanceOf(ScriptException.class).hasMessageStartingWith("RangeError: no");
    }

    @Test
    void invokeMethodCallsAMethodWithThisBoundToACopy() throws Exception {
        Invocable invocable = (Invocable) engine;
        Object counter = engine.eval("({ step: 5, next(n) { return n + this.step; } })");
        assertThat(invocable.invokeMethod(counter, "next", 1)).isEqualTo(6);
        assertThatThrownBy(() -> invocable.invokeMethod(counter, "nope")).isInstanceOf(NoSuchMethodException.class);
        assertThatThrownBy(() -> invocable.invokeMethod("not an object", "next")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.String");
    }

    @Test
    void getInterfaceImplementsAJavaInterfaceWithGuestFunctions() throws ScriptException {
        Invocable invocable = (Invocable) engine;
        assertThat(invocable.getInterface(Calculator.class)).as("no functions yet").isNull();
        engine.eval("function add(a, b) { return a + b; } function half(x) { return x / 2; }");
        Calculator calculator = invocable.getInterface(Calculator.class);
        assertThat(calculator.add(2, 3)).isEqualTo(5);
        assertThat(calculator.half(3)).isEqualTo(1.5);
        assertThat(calculator.half(4)).isEqualTo(2.0);
        assertThat(calculator.describe()).isEqualTo("calculator 2");

        Object object = engine.eval("({ add: (a, b) => a * b, half: (x) => 0 })");
        assertThat(invocable.getInterface(object, Calculator.class).add(2, 3)).isEqualTo(6);
        assertThat(invocable.getInterface(Map.of(), Calculator.class)).isNull();
        assertThatThrownBy(() -> invocable.getInterface(String.class)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void runsFromSeveralThreadsOnOneEngineTakeTurns() throws Exception {
        engine.eval("var total = 0; function add(n) { for (let i = 0; i < 1000; i++) total += n; return total; }");
        Invocable invocable = (Invocable) engine;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Object>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> invocable.invokeFunction("add", 1)));
            }
            for (Future<Object> result : results) {
                result.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(engine.eval("total")).isEqualTo(8000);
        assertThat(engine.getBindings(ScriptContext.ENGINE_SCOPE)).containsEntry("total", 8000);
    }
}
