package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.ContextOptions;
import io.github.jsvm.FunctionOptions;
import io.github.jsvm.JsFunction;
import io.github.jsvm.ModuleOptions;
import io.github.jsvm.RunOptions;
import io.github.jsvm.Script;
import io.github.jsvm.ScriptOptions;
import io.github.jsvm.SourceTextModule;
import io.github.jsvm.SyntheticModule;
import io.github.jsvm.Vm;
import io.github.jsvm.VmContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's quickstart, asserted, so that the README cannot drift from the code. */
class ReadmeQuickstartTest {

    @Test
    void quickstartPrintsWhatTheReadmeSays() {
        try (Vm vm = Vm.create()) {
            Script script = vm.compile("var total = (total || 0) + x; total * 2",
                    ScriptOptions.builder().filename("tenant.js").build());
            try (VmContext ctx = vm.createContext(Map.of("x", 21), ContextOptions.builder().name("tenant-1").build())) {
                Object r = script.runInContext(ctx, RunOptions.withTimeout(Duration.ofMillis(200)));
                assertThat(r + " " + ctx.globals()).isEqualTo("42 {x=21, total=21}");
            }
            assertThat(script.runInNewContext(Map.of("x", 1))).isEqualTo(2);
            JsFunction add = vm.compileFunction("return a + b", List.of("a", "b"), FunctionOptions.defaults());
            assertThat(add.call(2, 3)).isEqualTo(5);
        }
    }

    @Test
    void importHooksAndModulesExampleDoesWhatTheReadmeSays() {
        try (Vm vm = Vm.create(); VmContext ctx = vm.createContext()) {
            SyntheticModule config = vm.syntheticModule(List.of("greeting"),
                    module -> module.setExport("greeting", "hello"), ModuleOptions.in(ctx));

            Script app = vm.compile("import('config').then((ns) => { globalThis.message = ns.greeting + ' world'; })",
                    ScriptOptions.builder().filename("app.js")
                            .importModuleDynamically((specifier, referrer, attributes) -> config).build());
            app.runInContext(ctx);
            assertThat(ctx.global("message")).isEqualTo("hello world");

            SourceTextModule main = vm.sourceTextModule(
                    "import { greeting } from 'config'; export const shout = greeting.toUpperCase();",
                    ModuleOptions.in(ctx));
            main.link((specifier, referencingModule, attributes) -> config);
            main.evaluate();
            assertThat(main.namespace().get("shout")).isEqualTo("HELLO");
        }
    }
}
