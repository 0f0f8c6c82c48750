package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.ImportModuleDynamically;
import io.github.jsvm.Script;
import io.github.jsvm.ScriptCacheOptions;
import io.github.jsvm.ScriptOptions;
import io.github.jsvm.Vm;
import io.github.jsvm.VmOptions;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Dropped hook-bearing scripts keep their parsed code only within the Vm's bound (the script
 * cache's characters), not until memory runs out: ordinary collections, with soft references left
 * alone (this JVM runs the default soft-reference policy), collect every script beyond it. The
 * negative control, a bound too large to reach, keeps them all: without the bound they would stay.
 */
class WarmSourcesBoundTest {
    private static final int SCRIPTS = 400;
    /* Room for about 60 tiny scripts, each weighing its length plus the entry overhead. */
    private static final long BOUND = 64 * 1024;

    @Test
    void droppedHookBearingScriptsBeyondTheBoundAreCollectedWithoutMemoryPressure() throws Exception {
        long survivors = survivingScripts(BOUND);
        assertThat(survivors).as("scripts still reachable of %d dropped", SCRIPTS)
                .isLessThanOrEqualTo(BOUND / ScriptCacheOptions.ENTRY_OVERHEAD_CHARACTERS + 10);
    }

    @Test
    void negativeControlWithoutAReachableBoundEveryDroppedScriptStays() throws Exception {
        assertThat(survivingScripts(1L << 40)).isGreaterThan(SCRIPTS * 9L / 10);
    }

    private static long survivingScripts(long bound) throws InterruptedException {
        VmOptions options = VmOptions.builder().scriptCache(ScriptCacheOptions.builder().maximumCharacters(bound).build()).build();
        try (Vm vm = Vm.create(options)) {
            List<WeakReference<Script>> dropped = new ArrayList<>();
            for (int i = 0; i < SCRIPTS; i++) {
                dropped.add(compileAndRun(vm, i));
            }
            for (int round = 0; round < 10; round++) {
                System.gc();
                // Truffle drops the entries of dead sources from its tables when the next source is built.
                vm.compile("0 /* purge " + round + " */");
                Thread.sleep(20);
            }
            return dropped.stream().filter(script -> !script.refersTo(null)).count();
        }
    }

    private static WeakReference<Script> compileAndRun(Vm vm, int i) {
        ImportModuleDynamically hook = (specifier, referrer, attributes) -> {
            throw new IllegalStateException("not called " + i);
        };
        Script script = vm.compile("globalThis.v" + i + " = " + i + ";",
                ScriptOptions.builder().filename("dropped-" + i + ".js").importModuleDynamically(hook).build());
        assertThat(script.runInNewContext(Map.of())).isEqualTo(i);
        return new WeakReference<>(script);
    }
}
