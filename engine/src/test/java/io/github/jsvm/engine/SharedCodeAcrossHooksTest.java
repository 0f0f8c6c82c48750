package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.FunctionOptions;
import io.github.jsvm.HostFunction;
import io.github.jsvm.ImportModuleDynamically;
import io.github.jsvm.ImportReferrer;
import io.github.jsvm.JsFunction;
import io.github.jsvm.Script;
import io.github.jsvm.ScriptOptions;
import io.github.jsvm.ScriptCacheOptions;
import io.github.jsvm.Vm;
import io.github.jsvm.VmContext;
import io.github.jsvm.VmOptions;
import io.github.jsvm.engine.ImportModuleDynamicallyTest.Call;
import io.github.jsvm.engine.ImportModuleDynamicallyTest.RecordingHook;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The same code compiled with different hook objects shares its parsed form (the test-runner
 * pattern), and every {@code import()} still reaches its own script's hook with its own referrer.
 */
class SharedCodeAcrossHooksTest extends SharedVmTest {
    /** Defines loaders in the context it runs in: directly, from a promise job, and returned as a function. */
    private static final String LOADER = """
            globalThis.load = (s) => import(s).then((ns) => ns.value);
            globalThis.loadLater = (s) => Promise.resolve().then(() => import(s)).then((ns) => ns.value);
            globalThis.outcome = 'pending';
            import('top').then((ns) => { outcome = ns.value; }, (e) => { outcome = e.message; });
            (s) => import(s).then((ns) => ns.value)
            """;

    private static Script compileLoader(RecordingHook hook) {
        return vm.compile(LOADER, ScriptOptions.builder().filename("loader.js").importModuleDynamically(hook).build());
    }

    private static Object settle(VmContext context, String expression) {
        vm.compile("globalThis.settled = 'pending'; (" + expression + ").then((v) => { settled = v; }, (e) => { settled = e.message; })")
                .runInContext(context);
        return context.global("settled");
    }

    @Test
    void theSecondCompilationWithANewHookParsesOnceMoreAndEveryLaterOneReusesThatParse() {
        String code = "globalThis.x = 1; /* unique to this test: " + System.nanoTime() + " */";
        List<GraalScript> scripts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            scripts.add((GraalScript) vm.compile(code, ScriptOptions.builder().filename("same.js")
                    .importModuleDynamically(newHook()).build()));
        }
        assertThat(scripts.get(1).source()).isNotEqualTo(scripts.get(0).source());
        assertThat(scripts.get(2).source()).isSameAs(scripts.get(1).source());
        assertThat(scripts.get(3).source()).isSameAs(scripts.get(1).source());
        assertThat(scripts).doesNotHaveDuplicates();
    }

    @Test
    void codeIdentityIncludesFilenameAndOffsets() {
        String code = "globalThis.y = 2; /* " + System.nanoTime() + " */";
        GraalScript first = compile(code, ScriptOptions.builder().filename("a.js"));
        GraalScript second = compile(code, ScriptOptions.builder().filename("a.js"));
        GraalScript otherName = compile(code, ScriptOptions.builder().filename("b.js"));
        GraalScript otherOffset = compile(code, ScriptOptions.builder().filename("a.js").lineOffset(3));
        assertThat(second.source()).isNotEqualTo(first.source());
        assertThat(compile(code, ScriptOptions.builder().filename("a.js")).source()).isSameAs(second.source());
        assertThat(compile(code, ScriptOptions.builder().filename("b.js")).source()).isNotSameAs(second.source())
                .isNotEqualTo(otherName.source());
        assertThat(compile(code, ScriptOptions.builder().filename("a.js").lineOffset(3)).source())
                .isNotSameAs(second.source()).isNotEqualTo(otherOffset.source());
    }

    private static GraalScript compile(String code, ScriptOptions.Builder options) {
        return (GraalScript) vm.compile(code, options.importModuleDynamically(newHook()).build());
    }

    /** A new hook object every time (a lambda that captures nothing would be one shared instance). */
    private static ImportModuleDynamically newHook() {
        Object identity = new Object();
        return (specifier, referrer, attributes) -> {
            throw new IllegalStateException("not expected: " + identity);
        };
    }

    @Test
    void eachImportReachesItsOwnScriptsHookInEveryContextAndEveryWayOfCalling() {
        try (VmContext a = vm.createContext(); VmContext b = vm.createContext(); VmContext c = vm.createContext();
                VmContext caller = vm.createContext()) {
            List<VmContext> contexts = List.of(a, b, c);
            List<RecordingHook> hooks = new ArrayList<>();
            List<Script> scripts = new ArrayList<>();
            List<JsFunction> returned = new ArrayList<>();
            for (VmContext context : contexts) {
                RecordingHook hook = new RecordingHook(context);
                Script script = compileLoader(hook);
                hooks.add(hook);
                scripts.add(script);
                returned.add((JsFunction) script.runInContext(context));
            }
            // Scripts 2 and 3 share one parsed form; script 1 has code of its own.
            assertThat(((GraalScript) scripts.get(2)).source()).isSameAs(((GraalScript) scripts.get(1)).source());
            for (int i = 0; i < 3; i++) {
                VmContext context = contexts.get(i);
                assertThat(context.global("outcome")).isEqualTo("loaded top");
                assertThat(settle(context, "load('direct')")).isEqualTo("loaded direct");
                assertThat(settle(context, "loadLater('job')")).isEqualTo("loaded job");
                JsFunction load = returned.get(i);
                HostFunction bridge = args -> load.call(List.of("via-" + args.get(0))) == null ? "none" : "called";
                caller.setGlobal("callHome" + i, bridge);
                assertThat(vm.compile("callHome" + i + "('other')").runInContext(caller)).isEqualTo("called");
            }
            for (int i = 0; i < 3; i++) {
                assertThat(hooks.get(i).calls).as("hook %d", i).extracting(Call::specifier)
                        .containsExactly("top", "direct", "job", "via-other");
                assertThat(hooks.get(i).calls).extracting(Call::referrer).containsOnly(scripts.get(i));
            }
        }
    }

    @Test
    void twoScriptsWithTheSameCodeAndDifferentHooksInOneContextEachKeepTheirOwnHook() {
        try (VmContext context = vm.createContext()) {
            List<RecordingHook> hooks = new ArrayList<>();
            List<Script> scripts = new ArrayList<>();
            String code = "(s) => import(s).then((ns) => ns.value) /* " + System.nanoTime() + " */";
            List<JsFunction> loaders = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                RecordingHook hook = new RecordingHook(context);
                Script script = vm.compile(code, ScriptOptions.builder().filename("twice.js").importModuleDynamically(hook).build());
                hooks.add(hook);
                scripts.add(script);
                loaders.add((JsFunction) script.runInContext(context));
            }
            // Scripts 1 to 3 share parsed code; in this one context only the first of them runs it shared.
            for (int round = 0; round < 2; round++) {
                for (int i = 3; i >= 0; i--) {
                    context.setGlobal("loader", loaders.get(i));
                    assertThat(settle(context, "loader('m" + i + "')")).isEqualTo("loaded m" + i);
                    scripts.get(i).runInContext(context);
                }
            }
            for (int i = 0; i < 4; i++) {
                assertThat(hooks.get(i).calls).as("hook %d", i).extracting(Call::specifier).containsExactly("m" + i, "m" + i);
                assertThat(hooks.get(i).calls).extracting(Call::referrer).containsOnly(scripts.get(i));
            }
        }
    }

    @Test
    void compiledFunctionsShareCodeAcrossHooksAndKeepTheirOwnReferrer() {
        try (VmContext a = vm.createContext(); VmContext b = vm.createContext(); VmContext c = vm.createContext()) {
            String body = "return import(specifier).then((ns) => ns.value); // " + System.nanoTime();
            List<RecordingHook> hooks = new ArrayList<>();
            List<JsFunction> functions = new ArrayList<>();
            // Two functions in context a (the second gets a private copy there), one each in b and c.
            for (VmContext context : List.of(a, b, a, c)) {
                RecordingHook hook = new RecordingHook(context);
                hooks.add(hook);
                functions.add(vm.compileFunction(body, List.of("specifier"),
                        FunctionOptions.builder().parsingContext(context).importModuleDynamically(hook).build()));
            }
            List<VmContext> homes = List.of(a, b, a, c);
            for (int i = 0; i < 4; i++) {
                VmContext home = homes.get(i);
                home.setGlobal("f", functions.get(i));
                assertThat(settle(home, "f('fn" + i + "')")).isEqualTo("loaded fn" + i);
                assertThat(hooks.get(i).calls).containsExactly(new Call("fn" + i, functions.get(i), Map.of()));
            }
        }
    }

    @Test
    void closingAContextReleasesWhatItRecordedForSharedCode() {
        String code = "import('x') /* " + System.nanoTime() + " */";
        vm.compile(code, ScriptOptions.builder().importModuleDynamically(newHook()).build());
        GraalContext context = (GraalContext) vm.createContext();
        Script shared = vm.compile(code, ScriptOptions.builder().importModuleDynamically(newHook()).build());
        shared.runInContext(context);
        String key = SourceOrigin.of(((GraalScript) shared).source()).hookRef();
        assertThat(key).startsWith(SourceOrigin.SHARED_PREFIX);
        assertThat(context.sharedCodeUsers().user(key)).isNotNull();
        context.close();
        assertThat(context.sharedCodeUsers().user(key)).isNull();
    }

    @Test
    void aContextHoldsABoundedNumberOfSharedCodeRecordsAndRunsPrivateCopiesBeyondIt() {
        // Its own Vm, with room for every script: filling the shared Vm's bounded table would change what later tests see.
        try (Vm vm = Vm.create(VmOptions.builder().scriptCache(ScriptCacheOptions.builder().maximumCharacters(1L << 26).build()).build());
                VmContext context = vm.createContext()) {
            GraalContext graal = (GraalContext) context;
            List<RecordingHook> hooks = new ArrayList<>();
            List<Script> last = new ArrayList<>();
            for (int i = 0; i <= SharedCodeUsers.MAX_SHARED_CODE + 1; i++) {
                String code = "import('m" + i + "').then((ns) => { globalThis.last = ns.value; }); // bound " + i;
                vm.compile(code, ScriptOptions.builder().importModuleDynamically(newHook()).build());
                RecordingHook hook = new RecordingHook(context);
                Script script = vm.compile(code, ScriptOptions.builder().importModuleDynamically(hook).build());
                script.runInContext(context);
                assertThat(context.global("last")).isEqualTo("loaded m" + i);
                if (i >= SharedCodeUsers.MAX_SHARED_CODE - 1) {
                    hooks.add(hook);
                    last.add(script);
                    String key = SourceOrigin.of(((GraalScript) script).source()).hookRef();
                    assertThat(graal.sharedCodeUsers().user(key) != null).as("record for script %d", i).isEqualTo(i < SharedCodeUsers.MAX_SHARED_CODE);
                }
            }
            for (int i = 0; i < hooks.size(); i++) {
                assertThat(hooks.get(i).calls).extracting(Call::referrer).containsExactly((ImportReferrer) last.get(i));
            }
        }
    }
}
