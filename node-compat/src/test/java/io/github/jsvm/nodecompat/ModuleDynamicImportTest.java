package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.ImportModuleDynamically;
import io.github.jsvm.ImportReferrer;
import io.github.jsvm.ModuleOptions;
import io.github.jsvm.Script;
import io.github.jsvm.ScriptOptions;
import io.github.jsvm.SourceTextModule;
import io.github.jsvm.VmContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Node's checks of {@code import()} in scripts and source text modules: without a hook it rejects with
 * ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING; a hook gets the specifier, the importing script or module and
 * the import attributes, and the import resolves to the namespace of the module it returns; a hook
 * returning something that is not a module rejects with ERR_VM_MODULE_NOT_MODULE.
 *
 * <p>Node runs its scripts in its main context and awaits the promises outside; here everything runs in
 * one created context (scripts run in a {@link VmContext}), and the promises are settled by guest code
 * within the run, which then records what they gave. "The namespace of foo" is the object a static
 * {@code import * as} of foo binds, kept in a global by a helper module.
 */
@NodeTest("test/parallel/test-vm-module-dynamic-import.js")
@Inexpressible(assertion = "a Script with importModuleDynamically: false throws ERR_INVALID_ARG_TYPE",
        reason = "the hook is a typed ImportModuleDynamically; a non-function cannot be passed")
@Inexpressible(assertion = "the hook's fourth argument, the import phase, is 'evaluation'",
        reason = "ImportModuleDynamically takes no phase: the only other phase, source, is for WebAssembly, which GraalJS Community Edition does not have (D6)")
class ModuleDynamicImportTest extends NodeVmTest {
    private static final String RECORD_OUTCOME =
            ".then((ns) => { globalThis.same = ns === globalThis.fooNamespace; globalThis.a = ns.a; },"
                    + " (e) => { globalThis.code = e.code; })";

    private record Call(String specifier, ImportReferrer referrer, Map<String, String> attributes) {}

    /** foo ({@code export const a = 1;}), linked and evaluated, with its namespace object in the global fooNamespace. */
    private static SourceTextModule foo(VmContext context) {
        SourceTextModule foo = vm.sourceTextModule("export const a = 1;", ModuleOptions.in(context));
        foo.link();
        foo.evaluate();
        SourceTextModule keeper = vm.sourceTextModule("import * as ns from 'foo'; globalThis.fooNamespace = ns;", ModuleOptions.in(context));
        keeper.link((specifier, referrer, attributes) -> foo);
        keeper.evaluate();
        return foo;
    }

    @Test
    @DisplayName("test-vm-module-dynamic-import.js: testNoCallback: import() in a module without a hook rejects with ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING")
    void moduleWithoutHookRejects() {
        try (VmContext context = vm.createContext()) {
            SourceTextModule module = vm.sourceTextModule("globalThis.importResult = import(\"foo\");\n"
                    + "globalThis.importResult.then(() => { globalThis.code = 'resolved'; }, (e) => { globalThis.code = e.code; });",
                    ModuleOptions.in(context));
            module.link();
            module.evaluate();
            assertThat(context.global("code")).isEqualTo("ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING");
        }
    }

    @Test
    @DisplayName("test-vm-module-dynamic-import.js: test: a script's hook gets 'foo' and the script; import() resolves to foo's namespace")
    void scriptHookResolvesToTheReturnedModulesNamespace() {
        try (VmContext context = vm.createContext()) {
            SourceTextModule foo = foo(context);
            List<Call> calls = new ArrayList<>();
            Script script = vm.compile("import(\"foo\")" + RECORD_OUTCOME, ScriptOptions.builder()
                    .importModuleDynamically((specifier, referrer, attributes) -> {
                        calls.add(new Call(specifier, referrer, attributes));
                        return foo;
                    }).build());
            script.runInContext(context);
            assertThat(calls).extracting(Call::specifier).containsExactly("foo");
            assertThat(calls.get(0).referrer()).isSameAs(script);
            assertThat(context.global("same")).isEqualTo(true);
            assertThat(context.global("a")).isEqualTo(1);
            assertThat(foo.namespace().get("a")).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("test-vm-module-dynamic-import.js: test: a module's hook gets 'foo' and the module; import() resolves to foo's namespace")
    void moduleHookResolvesToTheReturnedModulesNamespace() {
        try (VmContext context = vm.createContext()) {
            SourceTextModule foo = foo(context);
            List<Call> calls = new ArrayList<>();
            SourceTextModule module = vm.sourceTextModule("globalThis.fooResult = import(\"foo\");\nglobalThis.fooResult" + RECORD_OUTCOME,
                    ModuleOptions.builder().context(context).importModuleDynamically((specifier, referrer, attributes) -> {
                        calls.add(new Call(specifier, referrer, attributes));
                        return foo;
                    }).build());
            module.link();
            module.evaluate();
            assertThat(calls).extracting(Call::specifier).containsExactly("foo");
            assertThat(calls.get(0).referrer()).isSameAs(module);
            assertThat(context.global("same")).isEqualTo(true);
            assertThat(context.global("a")).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("test-vm-module-dynamic-import.js: test: the hook gets import() attributes written as { with: { key: 'value' } }")
    void scriptHookReceivesTheImportAttributes() {
        try (VmContext context = vm.createContext()) {
            SourceTextModule foo = foo(context);
            List<Call> calls = new ArrayList<>();
            Script script = vm.compile("import(\"foo\", { with: { key: \"value\" } })" + RECORD_OUTCOME, ScriptOptions.builder()
                    .importModuleDynamically((specifier, referrer, attributes) -> {
                        calls.add(new Call(specifier, referrer, attributes));
                        return foo;
                    }).build());
            script.runInContext(context);
            assertThat(calls).containsExactly(new Call("foo", script, Map.of("key", "value")));
            assertThat(context.global("same")).isEqualTo(true);
        }
    }

    @Test
    @DisplayName("test-vm-module-dynamic-import.js: testInvalid: a module's hook returning 5 makes import() reject with ERR_VM_MODULE_NOT_MODULE")
    void moduleHookReturningANumberRejects() {
        try (VmContext context = vm.createContext()) {
            int[] calls = {0};
            SourceTextModule module = vm.sourceTextModule("globalThis.fooResult = import(\"foo\");\nglobalThis.fooResult" + RECORD_OUTCOME,
                    ModuleOptions.builder().context(context).importModuleDynamically((specifier, referrer, attributes) -> {
                        calls[0]++;
                        return 5;
                    }).build());
            module.link();
            module.evaluate();
            assertThat(calls[0]).isEqualTo(1);
            assertThat(context.global("code")).isEqualTo("ERR_VM_MODULE_NOT_MODULE");
        }
    }

    @Test
    @DisplayName("test-vm-module-dynamic-import.js: testInvalid: a script's hook returning nothing makes import() reject with ERR_VM_MODULE_NOT_MODULE")
    void scriptHookReturningNothingRejects() {
        try (VmContext context = vm.createContext()) {
            int[] calls = {0};
            ImportModuleDynamically returnsNothing = (specifier, referrer, attributes) -> {
                calls[0]++;
                return null;
            };
            vm.compile("import(\"bar\")" + RECORD_OUTCOME, ScriptOptions.builder().importModuleDynamically(returnsNothing).build())
                    .runInContext(context);
            assertThat(calls[0]).isEqualTo(1);
            assertThat(context.global("code")).isEqualTo("ERR_VM_MODULE_NOT_MODULE");
        }
    }
}
