package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jsvm.ContextOptions;
import io.github.jsvm.JsException;
import io.github.jsvm.VmContext;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SandboxDefaultsTest extends SharedVmTest {
    @ParameterizedTest
    @ValueSource(strings = {"Java", "Packages", "java", "Polyglot", "Graal", "load", "print", "quit", "require", "process"})
    void hostGatewaysAreAbsentOrInert(String name) {
        try (VmContext context = vm.createContext()) {
            Object outcome = vm.compile("""
                    (() => {
                      const g = globalThis[%1$s];
                      if (g === undefined) return 'absent';
                      try { typeof g.type === 'function' && g.type('java.lang.System'); } catch (e) { return 'blocked'; }
                      try { typeof g.eval === 'function' && g.eval('js', '1'); } catch (e) { return 'blocked'; }
                      return 'inert';
                    })()""".formatted("'" + name + "'")).runInContext(context);
            assertThat(outcome).as(name).isIn("absent", "blocked");
        }
    }

    @Test
    void codeGenerationFromStringsCanBeDisabled() {
        try (VmContext strict = vm.createContext(Map.of(), ContextOptions.builder().codeGenerationFromStrings(false).build());
                VmContext normal = vm.createContext()) {
            for (String attempt : List.of("eval('1 + 1')", "new Function('return 1')()", "(function(){}).constructor('return 1')()")) {
                assertThatThrownBy(() -> vm.compile(attempt).runInContext(strict))
                        .as(attempt)
                        .isInstanceOfSatisfying(JsException.class, e -> assertThat(e.errorName()).isEqualTo("EvalError"));
                assertThat(vm.compile(attempt).runInContext(normal)).as(attempt).isIn(1, 2);
            }
        }
    }

    @Test
    void consoleOutputIsDiscardedUnlessRequested() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (VmContext silent = vm.createContext();
                VmContext loud = vm.createContext(Map.of(), ContextOptions.builder().consoleOutput(captured).build())) {
            vm.compile("console.log('to nowhere')").runInContext(silent);
            vm.compile("console.log('hello', 42)").runInContext(loud);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEqualTo("hello 42\n");
    }

    @Test
    void errorsAndWarningsGoToTheConsoleErrorStreamWhenOneIsGiven() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        String code = "console.log('log'); console.error('error'); console.warn('warn'); console.info('info')";
        try (VmContext split = vm.createContext(Map.of(), ContextOptions.builder().consoleOutput(out).consoleError(err).build());
                VmContext merged = vm.createContext(Map.of(), ContextOptions.builder().consoleOutput(both).build())) {
            vm.compile(code).runInContext(split);
            vm.compile(code).runInContext(merged);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("log\ninfo\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("error\nwarn\n");
        assertThat(both.toString(StandardCharsets.UTF_8)).isEqualTo("log\nerror\nwarn\ninfo\n");
    }

    @Test
    void theDefaultLocaleIsNodesWhateverTheHostsLocale() {
        assertThat(vm.compile("[Intl.DateTimeFormat().resolvedOptions().locale, (1234567.5).toLocaleString()]")
                .runInNewContext(java.util.Map.of())).isEqualTo(java.util.List.of("en-US", "1,234,567.5"));
    }
}
