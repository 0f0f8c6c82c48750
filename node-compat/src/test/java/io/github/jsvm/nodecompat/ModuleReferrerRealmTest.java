package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.ContextOptions;
import io.github.jsvm.ImportModuleDynamically;
import io.github.jsvm.ImportReferrer;
import io.github.jsvm.Module;
import io.github.jsvm.ModuleOptions;
import io.github.jsvm.ScriptOptions;
import io.github.jsvm.SourceTextModule;
import io.github.jsvm.VmContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Node's check that {@code import()} in code compiled by an indirect {@code eval} run from a promise job
 * belongs to the context, not to the script or module whose code called {@code eval}: the context's
 * {@code importModuleDynamically} hook serves it, with the context as referrer, and without one the
 * import rejects with ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING, even though the script or module has a hook.
 *
 * <p>Node's imported module {@code foo} lives in the main context; a jsvm hook must return a module of
 * the importing context (values are never shared between contexts), so foo is created in the context
 * that imports it, and the cross-context case is a documented difference. The promise the script or
 * module leaves is settled by guest code within the run, which records what it gave.
 */
@NodeTest("test/parallel/test-vm-module-referrer-realm.mjs")
class ModuleReferrerRealmTest extends NodeVmTest {
    private static final String EVAL_IMPORT = "Promise.resolve(\"import('foo')\").then(eval)";
    private static final String RECORD_OUTCOME = ".then((ns) => { globalThis.same = ns === globalThis.fooNamespace; globalThis.a = ns.a; },"
            + " (e) => { globalThis.code = e.code; })";
    private static final ImportModuleDynamically MUST_NOT_CALL = (specifier, referrer, attributes) -> {
        throw new AssertionError("the script's or module's own hook must not be called");
    };

    private record Call(String specifier, ImportReferrer referrer) {}

    /** A context whose hook records its calls and returns foo ({@code export const a = 1;}), created in that context. */
    private static VmContext contextServingFoo(List<Call> calls) {
        AtomicReference<Module> foo = new AtomicReference<>();
        VmContext context = vm.createContext(Map.of(), ContextOptions.builder().importModuleDynamically((specifier, referrer, attributes) -> {
            calls.add(new Call(specifier, referrer));
            return foo.get();
        }).build());
        SourceTextModule module = vm.sourceTextModule("export const a = 1;", ModuleOptions.in(context));
        module.link();
        module.evaluate();
        SourceTextModule keeper = vm.sourceTextModule("import * as ns from 'foo'; globalThis.fooNamespace = ns;", ModuleOptions.in(context));
        keeper.link((specifier, referrer, attributes) -> module);
        keeper.evaluate();
        foo.set(module);
        return context;
    }

    @Test
    @DisplayName("test-vm-module-referrer-realm.mjs: test: a script's eval'd import() is served by the context's hook (referrer: the context) and gives foo's namespace")
    void scriptEvalImportUsesTheContextsHook() {
        List<Call> calls = new ArrayList<>();
        try (VmContext context = contextServingFoo(calls)) {
            vm.compile(EVAL_IMPORT + RECORD_OUTCOME, ScriptOptions.builder().importModuleDynamically(MUST_NOT_CALL).build()).runInContext(context);
            assertThat(calls).containsExactly(new Call("foo", context));
            assertThat(context.global("same")).isEqualTo(true);
            assertThat(context.global("a")).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("test-vm-module-referrer-realm.mjs: test: a module's eval'd import() is served by the context's hook (referrer: the context) and gives foo's namespace")
    void moduleEvalImportUsesTheContextsHook() {
        List<Call> calls = new ArrayList<>();
        try (VmContext context = contextServingFoo(calls)) {
            SourceTextModule module = vm.sourceTextModule("globalThis.fooResult = " + EVAL_IMPORT + ";\nglobalThis.fooResult" + RECORD_OUTCOME,
                    ModuleOptions.builder().context(context).importModuleDynamically(MUST_NOT_CALL).build());
            module.link();
            module.evaluate();
            assertThat(calls).containsExactly(new Call("foo", context));
            assertThat(context.global("same")).isEqualTo(true);
            assertThat(context.global("a")).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("test-vm-module-referrer-realm.mjs: testMissing: a script's eval'd import() in a context without a hook rejects with ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING")
    void scriptEvalImportWithoutContextHookRejects() {
        try (VmContext context = vm.createContext()) {
            vm.compile(EVAL_IMPORT + RECORD_OUTCOME, ScriptOptions.builder().importModuleDynamically(MUST_NOT_CALL).build()).runInContext(context);
            assertThat(context.global("code")).isEqualTo("ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING");
        }
    }

    @Test
    @DisplayName("test-vm-module-referrer-realm.mjs: testMissing: a module's eval'd import() in a context without a hook rejects with ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING")
    void moduleEvalImportWithoutContextHookRejects() {
        try (VmContext context = vm.createContext()) {
            SourceTextModule module = vm.sourceTextModule("globalThis.fooResult = " + EVAL_IMPORT + ";\nglobalThis.fooResult" + RECORD_OUTCOME,
                    ModuleOptions.builder().context(context).importModuleDynamically(MUST_NOT_CALL).build());
            module.link();
            module.evaluate();
            assertThat(context.global("code")).isEqualTo("ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING");
        }
    }

    @Test
    @NodeDifference("D15")
    @DisplayName("test-vm-module-referrer-realm.mjs: test: the context's hook returning a module of the main context (Node: its namespace) rejects with ERR_VM_MODULE_DIFFERENT_CONTEXT")
    void aModuleOfTheMainContextIsRefused() {
        SourceTextModule mainFoo = vm.sourceTextModule("export const a = 1;", ModuleOptions.defaults());
        mainFoo.link();
        mainFoo.evaluate();
        List<ImportReferrer> referrers = new ArrayList<>();
        try (VmContext context = vm.createContext(Map.of(), ContextOptions.builder().importModuleDynamically((specifier, referrer, attributes) -> {
            referrers.add(referrer);
            return mainFoo;
        }).build())) {
            vm.compile(EVAL_IMPORT + RECORD_OUTCOME, ScriptOptions.builder().importModuleDynamically(MUST_NOT_CALL).build()).runInContext(context);
            assertThat(referrers).containsExactly(context);
            assertThat(context.global("code")).isEqualTo("ERR_VM_MODULE_DIFFERENT_CONTEXT");
        }
    }
}
