package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.Script;
import io.github.jsvm.ScriptCacheOptions;
import io.github.jsvm.Vm;
import io.github.jsvm.VmContext;
import io.github.jsvm.VmOptions;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A context runs a script without a hook from the code it parsed for it the first time
 * ({@code GraalContext.parsed}): each run still runs the script again, in that context's realm, and a
 * script the application drops is not kept alive by the contexts that ran it.
 */
class ParsedPlainCodeTest extends SharedVmTest {

    @Test
    void everyRunRunsTheScriptAgainInItsOwnContext() {
        Script counter = vm.compile("globalThis.n = (globalThis.n || 0) + 1");
        try (VmContext first = vm.createContext(); VmContext second = vm.createContext()) {
            assertThat(List.of(counter.runInContext(first), counter.runInContext(first), counter.runInContext(second),
                    counter.runInContext(first))).containsExactly(1, 2, 1, 3);
        }
    }

    @Test
    void aDroppedScriptIsCollectableWhileTheContextThatRanItLivesOn() throws InterruptedException {
        try (Vm uncached = Vm.create(VmOptions.builder().scriptCache(ScriptCacheOptions.disabled()).build());
                VmContext context = uncached.createContext()) {
            WeakReference<Object> dropped = ranAndDropped(uncached, context);
            for (int i = 0; i < 50 && !dropped.refersTo(null); i++) {
                System.gc();
                Thread.sleep(10);
                // Truffle drops the entries of dead sources from its tables when the next source is built.
                uncached.compile("0 /* " + i + " */").runInContext(context);
            }
            assertThat(dropped.refersTo(null)).as("the script's source, run in a context still open, was collected").isTrue();
            assertThat(uncached.compile("6 * 7").runInContext(context)).isEqualTo(42);
        }
    }

    /* The script's source, which its code holds and the context's parsed code must not keep. */
    private static WeakReference<Object> ranAndDropped(Vm vm, VmContext context) {
        Script script = vm.compile("'ran ' + 'once'");
        assertThat(script.runInContext(context)).isEqualTo("ran once");
        assertThat(script.runInContext(context)).isEqualTo("ran once");
        return new WeakReference<>(((GraalScript) script).source());
    }

    @Test
    void aClosedContextStillReachableDropsWhatItParsed() {
        Script script = vm.compile("1 + 1");
        VmContext context = vm.createContext(Map.of());
        assertThat(script.runInContext(context)).isEqualTo(2);
        context.close();
        assertThat(((GraalContext) context).parsedPlainCodeCount()).isZero();
    }
}
