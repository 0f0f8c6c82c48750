package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.JsFunction;
import io.github.jsvm.ScriptOptions;
import io.github.jsvm.VmContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Canary for {@link ImportSeam}: GraalJS's internal module-lookup hook must still reach our
 * resolver. If a GraalJS upgrade breaks these tests, the seam has to be adapted before anything
 * that builds on import() can work.
 */
class ImportSeamCanaryTest extends SharedVmTest {
    private static final String CAPTURE = "globalThis.outcome = 'pending'; "
            + "%s.then(() => { outcome = 'loaded'; }, (e) => { outcome = [e.name, e.code, e.message]; });";

    @Test
    void importWithoutAHookRejectsInTheGuestNamingTheScript() {
        try (VmContext context = vm.createContext()) {
            vm.compile(CAPTURE.formatted("import('./dep.js')"), ScriptOptions.builder().filename("main.js").build())
                    .runInContext(context);
            assertThat(context.global("outcome")).isEqualTo(List.of("TypeError", ImportResolver.MISSING_CALLBACK_CODE,
                    "A dynamic import callback was not specified for main.js (import of './dep.js')"));
        }
    }

    @Test
    void theResolverSeesImportsFromFunctionsCalledLater() {
        try (VmContext context = vm.createContext()) {
            JsFunction later = (JsFunction) vm.compile("() => import('lib')", ScriptOptions.builder().filename("lib-user.js").build())
                    .runInContext(context);
            context.setGlobal("later", later);
            vm.compile(CAPTURE.formatted("later()"), ScriptOptions.builder().filename("caller.js").build()).runInContext(context);
            @SuppressWarnings("unchecked")
            List<Object> outcome = (List<Object>) context.global("outcome");
            assertThat(outcome.get(2)).isEqualTo("A dynamic import callback was not specified for lib-user.js (import of 'lib')");
        }
    }

    @Test
    void theCallersFrameIsTheImportCallAndModuleKeysAreLoadedThroughTheFileSystem() {
        try (VmContext context = vm.createContext()) {
            List<Object> seen = new java.util.ArrayList<>();
            io.github.jsvm.SourceTextModule dependency = vm.sourceTextModule("export const value = 'served';", io.github.jsvm.ModuleOptions.in(context));
            io.github.jsvm.SourceTextModule importer = vm.sourceTextModule("export { value } from 'dep';", io.github.jsvm.ModuleOptions.in(context));
            importer.link((specifier, referrer, attributes) -> dependency);
            vm.compile(CAPTURE.formatted("import('x', { with: { seen: 'yes' } }).then((ns) => { globalThis.value = ns.value; })"),
                    ScriptOptions.builder().importModuleDynamically((specifier, referrer, attributes) -> {
                        seen.add(attributes);
                        return importer;
                    }).build()).runInContext(context);
            // Attributes come from the call expression's source text; the static import from the module's path.
            assertThat(seen).containsExactly(java.util.Map.of("seen", "yes"));
            assertThat(context.global("value")).isEqualTo("served");
        }
    }

    @Test
    void eachImportCallIsFoundFromItsCallNodeOnceAndRememberedWithoutAFrameWalk() {
        ImportingFrame.Sites sites = ((GraalJsVm) vm).importHooks().sites();
        try (VmContext context = vm.createContext()) {
            io.github.jsvm.SyntheticModule target = vm.syntheticModule(List.of("value"), m -> m.setExport("value", 1),
                    io.github.jsvm.ModuleOptions.in(context));
            io.github.jsvm.Script importer = vm.compile(CAPTURE.formatted("import('a').then(() => import('b'))"),
                    ScriptOptions.builder().importModuleDynamically((specifier, referrer, attributes) -> target).build());
            int before = sites.size();
            importer.runInContext(context);
            assertThat(context.global("outcome")).isEqualTo("loaded");
            // GraalJS still names the import() call to the seam (ImportSeam.importCall): both calls are remembered sites.
            assertThat(sites.size()).isEqualTo(before + 2);
            importer.runInContext(context);
            assertThat(context.global("outcome")).isEqualTo("loaded");
            assertThat(sites.size()).isEqualTo(before + 2);
        }
    }

    @Test
    void theHookMechanismIsInvisibleToGuests() {
        try (VmContext context = vm.createContext()) {
            assertThat(vm.compile("typeof MLE").runInContext(context)).isEqualTo("undefined");
        }
    }
}
