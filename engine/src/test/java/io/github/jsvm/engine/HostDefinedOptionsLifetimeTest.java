package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.ImportModuleDynamically;
import io.github.jsvm.ImportReferrer;
import io.github.jsvm.ModuleOptions;
import io.github.jsvm.Script;
import io.github.jsvm.ScriptOptions;
import io.github.jsvm.VmContext;
import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The two halves of the host-defined options contract, in a small form (the memory-capped proof
 * lives in regression-tests): code that can still run keeps its hook and referrer; once nothing can
 * run it, the script, its hook and the cycle between them are collectable.
 */
class HostDefinedOptionsLifetimeTest extends SharedVmTest {
    private static final io.github.jsvm.Vm uncached =
            io.github.jsvm.Vm.create(io.github.jsvm.VmOptions.builder().scriptCache(io.github.jsvm.ScriptCacheOptions.disabled()).build());

    @org.junit.jupiter.api.AfterAll
    static void closeUncached() {
        uncached.close();
    }

    /** Collects garbage until {@code until} is cleared or 50 rounds passed; a round does what a busy application would do. */
    private static void collectGarbage(WeakReference<?> until) throws InterruptedException {
        for (int i = 0; i < 50 && !until.refersTo(null); i++) {
            System.gc();
            Thread.sleep(10);
            // The engine's table of interned sources drops dead entries when the next source is built.
            vm.compile("0");
            uncached.compile("0");
        }
    }

    @Test
    void aFunctionOutlivingEveryJavaReferenceToItsScriptStillReachesTheScriptsHook() throws Exception {
        try (VmContext context = vm.createContext()) {
            AtomicReference<ImportReferrer> seen = new AtomicReference<>();
            WeakReference<Script> scriptRef = defineLoader(context, seen);
            WeakReference<Object> canary = new WeakReference<>(new Object());
            collectGarbage(canary);
            assertThat(canary.refersTo(null)).as("a full collection ran").isTrue();
            vm.compile("globalThis.outcome = 'pending'; load('lib').then((ns) => { outcome = ns.value; }, (e) => { outcome = e.message; })")
                    .runInContext(context);
            assertThat(context.global("outcome")).isEqualTo("from the hook");
            assertThat(seen.get()).isInstanceOf(Script.class).hasToString("Script[loader.js]");
            assertThat(scriptRef.refersTo(null)).as("the running code keeps its script (the referrer) alive").isFalse();
        }
    }

    private static WeakReference<Script> defineLoader(VmContext context, AtomicReference<ImportReferrer> seen) {
        ImportModuleDynamically hook = (specifier, referrer, attributes) -> {
            seen.set(referrer);
            return ImportModuleDynamicallyTest.valueModule(context, "from the hook");
        };
        Script script = vm.compile("globalThis.load = (s) => import(s);",
                ScriptOptions.builder().filename("loader.js").importModuleDynamically(hook).build());
        script.runInContext(context);
        return new WeakReference<>(script);
    }

    @Test
    void aScriptWhoseHookReferencesItIsCollectableOnceUnreachable() throws Exception {
        WeakReference<Script> scriptRef = selfReferencingScript();
        // The Vm keeps recently used hook-bearing sources softly (see WarmSources); this module's tests run
        // with -XX:SoftRefLRUPolicyMSPerMB=0, so any collection clears that, and only strong paths remain.
        collectGarbage(scriptRef);
        assertThat(scriptRef.refersTo(null)).isTrue();
    }

    private static WeakReference<Object> evaluatedModuleInClosedContext() {
        try (VmContext context = vm.createContext()) {
            var module = vm.sourceTextModule("export default 1;", ModuleOptions.in(context));
            module.link();
            module.evaluate();
            return new WeakReference<>(module);
        }
    }

    private static WeakReference<Script> selfReferencingScript() {
        AtomicReference<Script> self = new AtomicReference<>();
        // A Vm without the compile cache, which would keep the script until evicted (ScriptCacheTest covers that).
        Script script = uncached.compile("import('x'); " + "x".repeat(10_000).replace("x", " "),
                ScriptOptions.builder().importModuleDynamically((s, r, a) -> self.get()).build());
        self.set(script);
        try (VmContext context = uncached.createContext()) {
            script.runInContext(context);
        }
        return new WeakReference<>(script);
    }

    @Test
    void aModuleInAClosedContextIsCollectable() throws Exception {
        WeakReference<Object> moduleRef = evaluatedModuleInClosedContext();
        collectGarbage(moduleRef);
        assertThat(moduleRef.refersTo(null)).isTrue();
    }
}
