package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jsvm.ImportModuleDynamically;
import io.github.jsvm.Script;
import io.github.jsvm.ScriptCacheOptions;
import io.github.jsvm.ScriptCacheStats;
import io.github.jsvm.ScriptOptions;
import io.github.jsvm.ScriptSyntaxException;
import io.github.jsvm.Vm;
import io.github.jsvm.VmOptions;
import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The compile cache: what hits, what misses, its bounds, and that evicted scripts are collectable. */
class ScriptCacheTest {

    private static Vm vmWithCache(long characters) {
        return Vm.create(VmOptions.builder().scriptCache(ScriptCacheOptions.builder().maximumCharacters(characters).build()).build());
    }

    @Test
    void identicalInputReturnsTheSameScriptAndAnyDifferenceMisses() {
        try (Vm vm = vmWithCache(1 << 20)) {
            ImportModuleDynamically hook = (specifier, referrer, attributes) -> null;
            ScriptOptions withHook = ScriptOptions.builder().filename("a.js").importModuleDynamically(hook).build();
            Script first = vm.compile("1 + 1", withHook);
            assertThat(vm.compile("1 + 1", withHook)).isSameAs(first);
            assertThat(vm.compile("1 + 1", ScriptOptions.builder().filename("a.js").importModuleDynamically(hook).build()))
                    .as("equal options with the same hook object hit (Node misses for any custom hook)").isSameAs(first);
            assertThat(vm.compile("1 + 1", ScriptOptions.builder().filename("a.js")
                    .importModuleDynamically((s, r, a) -> null).build())).as("another hook object").isNotSameAs(first);
            assertThat(vm.compile("1 + 1", ScriptOptions.builder().filename("b.js").importModuleDynamically(hook).build())).isNotSameAs(first);
            assertThat(vm.compile("1 + 1", ScriptOptions.builder().filename("a.js").lineOffset(1).importModuleDynamically(hook).build()))
                    .isNotSameAs(first);
            assertThat(vm.compile("1 + 2", withHook)).isNotSameAs(first);
            assertThat(vm.compile("1 + 1")).isSameAs(vm.compile("1 + 1"));
            ScriptCacheStats stats = vm.scriptCacheStats();
            assertThat(stats.hits()).isEqualTo(3);
            assertThat(stats.misses()).isEqualTo(6);
            assertThat(stats.size()).isEqualTo(6);
            assertThat(stats.characters()).as("each entry counts its length plus the fixed overhead")
                    .isEqualTo(6 * (5 + ScriptCacheOptions.ENTRY_OVERHEAD_CHARACTERS));
        }
    }

    @Test
    void syntaxErrorsAreNotCached() {
        try (Vm vm = vmWithCache(1 << 20)) {
            assertThatThrownBy(() -> vm.compile("let = ;")).isInstanceOf(ScriptSyntaxException.class);
            assertThatThrownBy(() -> vm.compile("let = ;")).isInstanceOf(ScriptSyntaxException.class);
            assertThat(vm.scriptCacheStats().size()).isZero();
        }
    }

    @Test
    void theCacheStaysWithinItsCharacterBoundAndEvictedScriptsAreCollectable() throws Exception {
        try (Vm vm = vmWithCache(3000)) {
            WeakReference<Script> evicted = hookBearingScript(vm, "/* first */ 1;" + " ".repeat(400));
            for (int i = 0; i < 10; i++) {
                vm.compile("/* " + i + " */ 2;" + " ".repeat(400));
            }
            ScriptCacheStats stats = vm.scriptCacheStats();
            assertThat(stats.characters()).isLessThanOrEqualTo(3000);
            assertThat(stats.size()).as("at most two entries of about 1,430 weighted characters").isLessThanOrEqualTo(2);
            assertThat(stats.evictions()).isGreaterThanOrEqualTo(9);
            for (int i = 0; i < 50 && !evicted.refersTo(null); i++) {
                System.gc();
                Thread.sleep(20);
                vm.compile("0");
            }
            assertThat(evicted.refersTo(null)).as("an evicted script whose hook references it is collectable").isTrue();
        }
    }

    private static WeakReference<Script> hookBearingScript(Vm vm, String code) {
        AtomicReference<Script> self = new AtomicReference<>();
        Script script = vm.compile(code, ScriptOptions.builder().importModuleDynamically((s, r, a) -> self.get()).build());
        self.set(script);
        return new WeakReference<>(script);
    }

    @Test
    void aCachedHookBearingScriptIsFoundWhileReachableButTheCacheNeverKeepsItsHookAlive() throws Exception {
        try (Vm vm = Vm.create()) {
            WeakReference<Object> captured = compileTwiceWithAHookCapturingAPayload(vm);
            for (int i = 0; i < 50 && !captured.refersTo(null); i++) {
                System.gc();
                Thread.sleep(20);
                vm.compile("0");
            }
            assertThat(captured.refersTo(null)).as("what the hook captured is collectable while its script is cached").isTrue();
        }
    }

    private static WeakReference<Object> compileTwiceWithAHookCapturingAPayload(Vm vm) {
        byte[] payload = new byte[1 << 20];
        ImportModuleDynamically hook = (specifier, referrer, attributes) -> payload;
        Script first = vm.compile("import('x'); 1", ScriptOptions.builder().importModuleDynamically(hook).build());
        assertThat(vm.compile("import('x'); 1", ScriptOptions.builder().importModuleDynamically(hook).build())).isSameAs(first);
        return new WeakReference<>(payload);
    }

    @Test
    void aDisabledCacheCompilesEveryTime() {
        try (Vm vm = Vm.create(VmOptions.builder().scriptCache(ScriptCacheOptions.disabled()).build())) {
            assertThat(vm.compile("1")).isNotSameAs(vm.compile("1"));
            assertThat(vm.scriptCacheStats()).isEqualTo(new ScriptCacheStats(0, 0, 0, 0, 0));
        }
    }
}
