package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jsvm.FunctionOptions;
import io.github.jsvm.InvalidArgumentException;
import io.github.jsvm.JsFunction;
import io.github.jsvm.ModuleNamespace;
import io.github.jsvm.ModuleOptions;
import io.github.jsvm.ModuleStatus;
import io.github.jsvm.RunOptions;
import io.github.jsvm.ScriptTimeoutException;
import io.github.jsvm.SourceTextModule;
import io.github.jsvm.SyntheticModule;
import io.github.jsvm.Vm;
import io.github.jsvm.VmContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Node's basic module checks: statuses through a module's life, its context's globals, timeouts, default identifiers, dynamic import from a compiled function. */
@NodeTest("test/parallel/test-vm-module-basic.js")
@Inexpressible(assertion = "a module in the main context sees Node's process object", reason = "no Node process in a sandbox")
@Inexpressible(assertion = "util.inspect of a SourceTextModule and a SyntheticModule", reason = "no util.inspect; toString() is Java's")
@Inexpressible(assertion = "a module's util.inspect.custom called on null, a null-prototype object or SourceTextModule.prototype throws ERR_INVALID_THIS",
        reason = "no util.inspect, and a Java method cannot be called with another this")
@Inexpressible(assertion = "evaluate() of a module resolves to undefined", reason = "evaluate() is void: Java's types make a result impossible")
@Inexpressible(assertion = "dependencySpecifiers returns the same array object every time", reason = "moduleRequests() is an immutable List; identity of a getter's result is not a Java contract")
@Inexpressible(assertion = "new Module() throws 'Module is not a constructor'", reason = "Module is a sealed Java interface")
@Inexpressible(assertion = "SyntheticModule rejects non-array exportNames and a non-function callback",
        reason = "typed parameters (null ones are tested; duplicate names are tested in the engine's SyntheticModuleTest)")
class ModuleBasicTest extends NodeVmTest {

    @Test
    @DisplayName("test-vm-module-basic.js: statuses go unlinked, linked, evaluated; the module writes its context's globals and sees no process")
    void statusesAndContextGlobals() {
        Map<String, Object> globals = new HashMap<>();
        globals.put("foo", "bar");
        globals.put("baz", null);
        globals.put("typeofProcess", null);
        try (VmContext context = vm.createContext(globals)) {
            SourceTextModule module = vm.sourceTextModule("baz = foo; typeofProcess = typeof process; typeof Object;", ModuleOptions.in(context));
            assertThat(module.status()).isEqualTo(ModuleStatus.UNLINKED);
            module.link();
            assertThat(module.status()).isEqualTo(ModuleStatus.LINKED);
            module.evaluate();
            assertThat(module.status()).isEqualTo(ModuleStatus.EVALUATED);
            assertThat(context.globals()).isEqualTo(Map.of("foo", "bar", "baz", "bar", "typeofProcess", "undefined"));
        }
    }

    @Test
    @DisplayName("test-vm-module-basic.js: a module of the main context writes globalThis.vmResultFoo, which the main context then reads")
    void mainContextModuleWritesTheMainGlobal() {
        // Node's module also reads process, which jsvm has not (listed as inexpressible); a Vm of
        // its own keeps the main context clean.
        try (Vm own = Vm.create()) {
            assertThat(own.compile("'vmResultFoo' in globalThis").runInThisContext()).isEqualTo(false);
            SourceTextModule module = own.sourceTextModule("globalThis.vmResultFoo = \"foo\";", ModuleOptions.defaults());
            module.link();
            module.evaluate();
            assertThat(own.compile("globalThis.vmResultFoo").runInThisContext()).isEqualTo("foo");
        }
    }

    @Test
    @DisplayName("test-vm-module-basic.js: SyntheticModule rejects missing exportNames and missing options, naming the argument")
    void syntheticModuleRejectsMissingArguments() {
        assertThatThrownBy(() -> vm.syntheticModule(null, m -> { }, ModuleOptions.defaults()))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("exportNames");
        assertThatThrownBy(() -> vm.syntheticModule(List.of(), m -> { }, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("options");
    }

    @Test
    @DisplayName("test-vm-module-basic.js: SyntheticModule rejects a missing evaluate callback")
    @NodeDifference("D17")
    void syntheticModuleWithoutAnEvaluator() {
        SyntheticModule module = vm.syntheticModule(List.of("x"), null, ModuleOptions.defaults());
        module.link();
        module.setExport("x", 1);
        module.evaluate();
        assertThat(module.namespace().get("x")).isEqualTo(1);
    }

    @Test
    @DisplayName("test-vm-module-basic.js: an endless module is stopped by evaluate's timeout")
    void timeout() {
        SourceTextModule module = vm.sourceTextModule("while (true) {}", ModuleOptions.defaults());
        module.link();
        assertThatThrownBy(() -> module.evaluate(RunOptions.withTimeout(Duration.ofMillis(500)))).isInstanceOf(ScriptTimeoutException.class);
    }

    @Test
    @DisplayName("test-vm-module-basic.js: default identifiers count per context from vm:module(0)")
    void defaultIdentifiers() {
        try (VmContext first = vm.createContext(); VmContext second = vm.createContext()) {
            assertThat(vm.sourceTextModule("1", ModuleOptions.in(first)).identifier()).isEqualTo("vm:module(0)");
            assertThat(vm.sourceTextModule("2", ModuleOptions.in(first)).identifier()).isEqualTo("vm:module(1)");
            assertThat(vm.sourceTextModule("3", ModuleOptions.in(second)).identifier()).isEqualTo("vm:module(0)");
        }
    }

    @Test
    @DisplayName("test-vm-module-basic.js: synthetic modules are numbered like source text modules")
    void syntheticIdentifiers() {
        try (VmContext context = vm.createContext()) {
            assertThat(vm.syntheticModule(List.of(), m -> { }, ModuleOptions.in(context)).identifier()).isEqualTo("vm:module(0)");
        }
    }

    @Test
    @DisplayName("test-vm-module-basic.js: duplicated export names are refused")
    void duplicatedExportNames() {
        assertThatThrownBy(() -> vm.syntheticModule(List.of("x", "x"), m -> { }, ModuleOptions.defaults()))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("'x'");
    }

    @Test
    @DisplayName("test-vm-module-basic.js: compileFunction's import hook gets the specifier and the function, and import() resolves to the returned module's namespace")
    void compileFunctionImportHook() {
        try (VmContext context = vm.createContext()) {
            SyntheticModule module = vm.syntheticModule(List.of("answer"), m -> m.setExport("answer", 42), ModuleOptions.in(context));
            module.link();
            List<Object> referrers = new ArrayList<>();
            JsFunction[] function = new JsFunction[1];
            function[0] = vm.compileFunction("import('x').then((ns) => { globalThis.answer = ns.answer; });", List.of(),
                    FunctionOptions.builder().parsingContext(context).importModuleDynamically((specifier, referrer, attributes) -> {
                        assertThat(specifier).isEqualTo("x");
                        referrers.add(referrer);
                        return module;
                    }).build());
            function[0].call();
            assertThat(referrers).containsExactly(function[0]);
            assertThat(context.global("answer")).isEqualTo(42);
            ModuleNamespace namespace = module.namespace();
            assertThat(namespace.get("answer")).isEqualTo(42);
        }
    }
}
