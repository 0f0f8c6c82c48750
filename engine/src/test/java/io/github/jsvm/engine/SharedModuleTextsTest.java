package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.Truffle;
import io.github.jsvm.HostFunction;
import io.github.jsvm.ImportModuleDynamically;
import io.github.jsvm.JsException;
import io.github.jsvm.Module;
import io.github.jsvm.ModuleOptions;
import io.github.jsvm.ScriptCacheOptions;
import io.github.jsvm.SourceTextModule;
import io.github.jsvm.Vm;
import io.github.jsvm.VmContext;
import io.github.jsvm.VmOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Source text modules with the same text in different contexts load under one key and so share the
 * engine's parsed code (the test-runner pattern), while each module keeps its own state, links,
 * {@code import.meta}, import hook, referrer and identifier.
 */
class SharedModuleTextsTest extends SharedVmTest {
    /** A module text that exercises everything a module owns: state, a static import, import(), import.meta, errors. */
    private static String sharedText() {
        return """
                import { base } from 'dep';
                let count = 0;
                export function next() { return base + ++count; }
                export const meta = import.meta.name;
                export let loaded = 'pending';
                import('dynamic').then((ns) => { loaded = ns.value; }, (e) => { loaded = e.message; });
                export function fail() { throw new Error('failed in ' + meta); }
                // unique to this test run: %d
                """.formatted(System.nanoTime());
    }

    private record Built(SourceTextModule module, List<Module> hookReferrers) {}

    /** Builds and evaluates {@code text} in {@code context}, named {@code name}, its dependency exporting {@code base}. */
    private static Built build(VmContext context, String text, String name, int base) {
        List<Module> hookReferrers = new ArrayList<>();
        Module dynamic = vm.syntheticModule(List.of("value"), m -> m.setExport("value", name), ModuleOptions.in(context));
        ImportModuleDynamically hook = (specifier, referrer, attributes) -> {
            hookReferrers.add((Module) referrer);
            return dynamic;
        };
        SourceTextModule module = vm.sourceTextModule(text, ModuleOptions.builder().context(context).identifier(name)
                .importModuleDynamically(hook).initializeImportMeta(m -> Map.of("name", name)).build());
        Module dep = vm.syntheticModule(List.of("base"), m -> m.setExport("base", base), ModuleOptions.in(context));
        module.link((specifier, referrer, attributes) -> dep);
        module.evaluate();
        return new Built(module, hookReferrers);
    }

    private static Object call(VmContext context, SourceTextModule module, String function) {
        context.setGlobal("target", module.namespace().get(function));
        return vm.compile("target()").runInContext(context);
    }

    private static String key(Module module) {
        return ((GraalModule) module).key();
    }

    /** {@code built}, named {@code name} and linked to {@code base}, has state, meta, hook, referrer and frames of its own. */
    private static void assertOwnModule(VmContext context, Built built, String name, int base) {
        SourceTextModule module = built.module();
        assertThat(call(context, module, "next")).isEqualTo(base + 1);
        assertThat(call(context, module, "next")).isEqualTo(base + 2);
        assertThat(module.namespace().get("meta")).isEqualTo(name);
        assertThat(module.namespace().get("loaded")).isEqualTo(name);
        assertThat(built.hookReferrers()).containsExactly(module);
        assertThatThrownBy(() -> call(context, module, "fail")).isInstanceOfSatisfying(JsException.class, e -> {
            assertThat(e.errorMessage()).isEqualTo("failed in " + name);
            assertThat(e.frames().get(0).filename()).isEqualTo(name);
            assertThat(e.frames().get(0).line()).isEqualTo(7);
        });
    }

    @Test
    void modulesOfOneTextInDifferentContextsShareTheirKeyButNothingElse() {
        String text = sharedText();
        try (VmContext first = vm.createContext(); VmContext second = vm.createContext()) {
            Built a = build(first, text, "a.mjs", 100);
            Built b = build(second, text, "b.mjs", 200);
            assertThat(key(a.module())).isEqualTo(key(b.module()));
            assertOwnModule(second, b, "b.mjs", 200);
            assertOwnModule(first, a, "a.mjs", 100);
        }
    }

    @Test
    void aSecondModuleOfTheSameTextInOneContextGetsAKeyOfItsOwn() {
        String text = sharedText();
        try (VmContext context = vm.createContext(); VmContext other = vm.createContext()) {
            Built first = build(context, text, "first.mjs", 10);
            Built second = build(context, text, "second.mjs", 20);
            Built elsewhere = build(other, text, "elsewhere.mjs", 30);
            assertThat(key(second.module())).isNotEqualTo(key(first.module()));
            assertThat(key(elsewhere.module())).isEqualTo(key(first.module()));
            assertOwnModule(context, first, "first.mjs", 10);
            assertOwnModule(context, second, "second.mjs", 20);
            assertOwnModule(other, elsewhere, "elsewhere.mjs", 30);
        }
    }

    @Test
    void aSharedTextIsReusedByContextsCreatedAfterTheFirstClosed() {
        String text = sharedText();
        String sharedKey;
        try (VmContext first = vm.createContext()) {
            sharedKey = key(build(first, text, "one.mjs", 1).module());
        }
        for (int i = 0; i < 3; i++) {
            try (VmContext next = vm.createContext()) {
                Built built = build(next, text, "n" + i + ".mjs", i * 10);
                assertThat(key(built.module())).isEqualTo(sharedKey);
                assertOwnModule(next, built, "n" + i + ".mjs", i * 10);
            }
        }
    }

    @Test
    void aModuleRunsTheCodeParsedForTheSameTextInAnotherContext() {
        String text = "probe(); export const v = 1; // " + System.nanoTime();
        try (VmContext first = vm.createContext(); VmContext second = vm.createContext()) {
            assertThat(moduleBodyIn(vm, second, text)).isEqualTo(moduleBodyIn(vm, first, text));
        }
    }

    @Test
    void withTheCompileCacheOffEachContextParsesItsOwn() {
        String text = "probe(); export const v = 1; // " + System.nanoTime();
        try (Vm uncached = Vm.create(VmOptions.builder().scriptCache(ScriptCacheOptions.disabled()).build());
                VmContext first = uncached.createContext();
                VmContext second = uncached.createContext()) {
            assertThat(moduleBodyIn(uncached, second, text)).isNotEqualTo(moduleBodyIn(uncached, first, text));
        }
    }

    /**
     * Builds and evaluates a module of {@code text} (which calls the global {@code probe}) in {@code context};
     * the identity hash of the code its body runs, found on the stack while it runs.
     */
    private static int moduleBodyIn(Vm owner, VmContext context, String text) {
        int[] body = new int[1];
        String[] key = new String[1];
        context.setGlobal("probe", (HostFunction) args -> {
            body[0] = System.identityHashCode(Truffle.getRuntime().iterateFrames(frame ->
                    frame.getCallTarget() instanceof RootCallTarget target && target.getRootNode().getSourceSection() != null
                            && key[0].equals(target.getRootNode().getSourceSection().getSource().getPath()) ? target : null));
            return null;
        });
        SourceTextModule module = owner.sourceTextModule(text, ModuleOptions.in(context));
        key[0] = key(module);
        module.link();
        module.evaluate();
        assertThat(body[0]).isNotZero();
        return body[0];
    }

    @Test
    void differentTextsAndOtherModuleKindsNeverShareAKey() {
        try (VmContext first = vm.createContext(); VmContext second = vm.createContext()) {
            String text = "export const v = 1; // " + System.nanoTime();
            SourceTextModule a = vm.sourceTextModule(text, ModuleOptions.in(first));
            SourceTextModule b = vm.sourceTextModule(text + " ", ModuleOptions.in(second));
            assertThat(key(a)).isNotEqualTo(key(b));
            Module json1 = vm.jsonModule("{\"a\": 1}", ModuleOptions.in(first));
            Module json2 = vm.jsonModule("{\"a\": 1}", ModuleOptions.in(second));
            assertThat(key(json1)).isNotEqualTo(key(json2));
        }
    }

    @Test
    void withTheCompileCacheOffEveryModuleHasAKeyOfItsOwn() {
        try (Vm uncached = Vm.create(VmOptions.builder().scriptCache(ScriptCacheOptions.disabled()).build());
                VmContext first = uncached.createContext(); VmContext second = uncached.createContext()) {
            String text = "export const v = 1;";
            SourceTextModule a = uncached.sourceTextModule(text, ModuleOptions.in(first));
            SourceTextModule b = uncached.sourceTextModule(text, ModuleOptions.in(second));
            assertThat(key(a)).isNotEqualTo(key(b));
            a.link();
            a.evaluate();
            b.link();
            b.evaluate();
            assertThat(a.namespace().get("v")).isEqualTo(1);
            assertThat(b.namespace().get("v")).isEqualTo(1);
        }
    }
}
