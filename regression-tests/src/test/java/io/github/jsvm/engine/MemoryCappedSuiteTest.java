package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The collectability suite: each scenario of {@link MemoryScenarios} in its own JVM capped at
 * {@value #HEAP_CAP} of heap, once with the library's registry (must hold) and once with a
 * deliberately wrong one (must fail: the negative control that proves the scenario can fail).
 * Writes the heap-after-collection series of both runs as {@code target/memory/<scenario>.svg}.
 */
class MemoryCappedSuiteTest {
    /** The heap cap of every forked scenario JVM: a leak of the samples' sources alone exceeds it. */
    static final String HEAP_CAP = "96m";
    private static final long HEAP_CAP_BYTES = 96L << 20;

    /**
     * Cases 1 to 4: scripts, compileFunction, source text modules, synthetic modules, context churn
     * and run churn. With the library's registry: no OutOfMemoryError and collection observed (or, for
     * run churn, a flat heap). With a WeakHashMap registry whose values reference their keys: failure.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"scripts", "functions", "source-text-modules", "synthetic-modules", "contexts", "runs"})
    void holdsWithTheLibrarysRegistryAndFailsWithALeakyOne(String scenario) throws Exception {
        CompletableFuture<ForkedJvm.Outcome> leaky = CompletableFuture.supplyAsync(() -> fork(scenario, "leaky"));
        ForkedJvm.Outcome correct = fork(scenario, "default");
        ForkedJvm.Outcome control = leaky.get();
        chart(scenario, correct, control);
        System.out.println(correct.scenario() + ": " + correct.result() + " | leaky registry: " + control.result());
        assertThat(correct.succeeded()).as("%s", correct).isTrue();
        assertThat(control.succeeded()).as("negative control must fail: %s", control).isFalse();
    }

    /**
     * Case 6: the test-runner pattern (a new hook per test file, the same module sources in every
     * file, contexts closed or dropped). With the library's registry: every finished file collectable.
     * With one whose shared code keeps the first sharing compilation's hook: failure.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"test-runner", "test-runner-dropping"})
    void sharedCodeKeepsNoTestFileAliveAndFailsWhenItKeepsTheFirstHook(String scenario) throws Exception {
        CompletableFuture<ForkedJvm.Outcome> keeping = CompletableFuture.supplyAsync(() -> fork(scenario, "keeps-first-hook"));
        ForkedJvm.Outcome correct = fork(scenario, "default");
        ForkedJvm.Outcome control = keeping.get();
        chart(scenario, correct, control);
        System.out.println(correct.scenario() + ": " + correct.result() + " | keeps-first-hook registry: " + control.result());
        assertThat(correct.succeeded()).as("%s", correct).isTrue();
        assertThat(control.succeeded()).as("negative control must fail: %s", control).isFalse();
        assertThat(control.result()).contains("still reachable");
    }

    /**
     * Case 5: a function defined by a script (and one by a module) still reaches its hook, with the
     * right referrer, after every Java reference to the script is gone and collections ran. With a
     * registry that lets options die while their code runs: failure.
     */
    @Test
    void codeAliveInAContextKeepsItsHookAndFailsWithATooWeakRegistry() throws Exception {
        ForkedJvm.Outcome correct = fork("lifetime", "default");
        ForkedJvm.Outcome control = fork("lifetime", "too-weak");
        System.out.println("lifetime: " + correct.result() + " | too-weak registry: " + control.result());
        assertThat(correct.succeeded()).as("%s", correct).isTrue();
        assertThat(control.succeeded()).as("negative control must fail: %s", control).isFalse();
        assertThat(control.result()).contains("no longer available");
    }

    /**
     * Case 3b: closed contexts the application still references weigh next to nothing (a closed
     * context held by a hook of a cached script must not keep its realm). Negative control: the
     * same contexts held open keep their realms and break the bound.
     */
    @Test
    void aClosedContextStillReferencedReleasesItsRealm() throws Exception {
        CompletableFuture<ForkedJvm.Outcome> open = CompletableFuture.supplyAsync(() -> fork("open-contexts-held", "default"));
        ForkedJvm.Outcome closed = fork("closed-contexts-held", "default");
        ForkedJvm.Outcome control = open.get();
        System.out.println("closed-contexts-held: " + closed.result() + " | held open: " + control.result());
        assertThat(closed.succeeded()).as("%s", closed).isTrue();
        assertThat(control.succeeded()).as("negative control must fail: %s", control).isFalse();
    }

    private static ForkedJvm.Outcome fork(String scenario, String registry) {
        try {
            return ForkedJvm.run(scenario, registry, HEAP_CAP);
        } catch (Exception e) {
            throw new IllegalStateException("Forking " + scenario + " failed", e);
        }
    }

    private static void chart(String scenario, ForkedJvm.Outcome correct, ForkedJvm.Outcome leaky) throws Exception {
        Path directory = Path.of(System.getProperty("jsvm.fork.outputDirectory", "target/memory"));
        HeapChart.write(directory.resolve(scenario + ".svg"),
                scenario + ": live heap after GC, -Xmx" + HEAP_CAP, HEAP_CAP_BYTES, List.of(
                        new HeapChart.Line("library registry: " + correct.result().substring("RESULT ".length()), correct.heapSeries()),
                        new HeapChart.Line(leaky.registry() + " registry: " + leaky.result().substring("RESULT ".length()),
                                leaky.heapSeries())));
    }
}
