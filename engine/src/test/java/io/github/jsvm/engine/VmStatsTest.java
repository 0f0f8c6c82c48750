package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jsvm.ImportModuleDynamically;
import io.github.jsvm.JsException;
import io.github.jsvm.ModuleOptions;
import io.github.jsvm.ResourceExhaustedException;
import io.github.jsvm.ResourceExhaustedException.Resource;
import io.github.jsvm.RunOptions;
import io.github.jsvm.Script;
import io.github.jsvm.ScriptOptions;
import io.github.jsvm.ScriptTimeoutException;
import io.github.jsvm.Vm;
import io.github.jsvm.VmContext;
import io.github.jsvm.VmOptions;
import io.github.jsvm.VmStats;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Vm#stats()}: every counter moves with what it counts, and only with that. */
class VmStatsTest {
    private static final VmOptions TIMED = VmOptions.builder().measureRunTime(true).build();

    @Test
    void aNewVmHasCountedNothing() {
        try (Vm vm = Vm.create()) {
            VmStats stats = vm.stats();
            assertThat(stats.runs()).isZero();
            assertThat(stats.runTime()).isEqualTo(Duration.ZERO);
            assertThat(stats.timeouts()).isZero();
            assertThat(stats.resourceLimitHits()).containsOnlyKeys(Resource.values()).allSatisfy((resource, hits) -> assertThat(hits).isZero());
            assertThat(stats.contextsCreated()).isZero();
            assertThat(stats.liveContexts()).isZero();
            assertThat(stats.importHookCalls()).isZero();
        }
    }

    @Test
    void runsAndTheirTimeAreCountedAlsoWhenTheyFail() {
        try (Vm vm = Vm.create(TIMED); VmContext context = vm.createContext()) {
            Script ok = vm.compile("1 + 1");
            Script fails = vm.compile("throw new Error('no')");
            ok.runInContext(context);
            ok.runInContext(context);
            assertThatThrownBy(() -> fails.runInContext(context)).isInstanceOf(JsException.class);
            VmStats stats = vm.stats();
            // createContext defines no globals here, so the three runs are all there is.
            assertThat(stats.runs()).isEqualTo(3);
            assertThat(stats.runTime()).isPositive();
            assertThat(stats.timeouts()).isZero();
        }
    }

    /* Off by default: two clock reads per run cost a third of a tiny run. */
    @Test
    void runTimeIsMeasuredOnlyWhenAskedFor() {
        try (Vm untimed = Vm.create(); Vm timed = Vm.create(TIMED)) {
            for (Vm vm : java.util.List.of(untimed, timed)) {
                try (VmContext context = vm.createContext()) {
                    vm.compile("let s = 0; for (let i = 0; i < 1e5; i++) s += i; s").runInContext(context);
                }
            }
            // A run timed for its own usage report does not start the Vm's measure.
            try (VmContext context = untimed.createContext()) {
                untimed.compile("let s = 0; for (let i = 0; i < 1e5; i++) s += i; s")
                        .runInContext(context, RunOptions.builder().usageListener(usage -> { }).build());
            }
            assertThat(untimed.stats().runs()).isEqualTo(2);
            assertThat(untimed.stats().runTime()).isEqualTo(Duration.ZERO);
            assertThat(timed.stats().runs()).isEqualTo(1);
            assertThat(timed.stats().runTime()).isPositive();
        }
    }

    @Test
    void stopsAreCountedByWhatStoppedThem() {
        try (Vm vm = Vm.create(); VmContext context = vm.createContext()) {
            Script spin = vm.compile("while (true) {}");
            assertThatThrownBy(() -> spin.runInContext(context, RunOptions.withTimeout(Duration.ofMillis(50))))
                    .isInstanceOf(ScriptTimeoutException.class);
            assertThatThrownBy(() -> spin.runInContext(context, RunOptions.builder().cpuTimeLimit(Duration.ofMillis(50)).build()))
                    .isInstanceOfSatisfying(ResourceExhaustedException.class, e -> assertThat(e.resource()).isEqualTo(Resource.CPU_TIME));
            assertThatThrownBy(() -> vm.compile("const a = []; while (true) a.push({ x: [1, 2, 3] });").runInContext(context,
                    RunOptions.builder().allocationLimit(16L << 20).timeout(Duration.ofSeconds(30)).build()))
                    .isInstanceOfSatisfying(ResourceExhaustedException.class, e -> assertThat(e.resource()).isEqualTo(Resource.ALLOCATED_BYTES));
            VmStats stats = vm.stats();
            assertThat(stats.timeouts()).isEqualTo(1);
            assertThat(stats.resourceLimitHits(Resource.CPU_TIME)).isEqualTo(1);
            assertThat(stats.resourceLimitHits(Resource.ALLOCATED_BYTES)).isEqualTo(1);
            assertThat(stats.resourceLimitHits(Resource.HOST_HEAP)).isZero();
        }
    }

    @Test
    void contextsAreCountedWhenCreatedAndWhileOpen() {
        try (Vm vm = Vm.create()) {
            VmContext first = vm.createContext();
            VmContext second = vm.createContext();
            assertThat(vm.stats().contextsCreated()).isEqualTo(2);
            assertThat(vm.stats().liveContexts()).isEqualTo(2);
            first.close();
            assertThat(vm.stats().liveContexts()).isEqualTo(1);
            second.close();
            VmStats stats = vm.stats();
            assertThat(stats.contextsCreated()).isEqualTo(2);
            assertThat(stats.liveContexts()).isZero();
        }
    }

    @Test
    void onlyApplicationHooksCountAsHookCalls() {
        try (Vm vm = Vm.create(); VmContext context = vm.createContext()) {
            var module = vm.syntheticModule(java.util.List.of("x"), m -> m.setExport("x", 1), ModuleOptions.in(context));
            ImportModuleDynamically hook = (specifier, referrer, attributes) -> module;
            vm.compile("import('a'); import('b')", ScriptOptions.builder().importModuleDynamically(hook).build()).runInContext(context);
            vm.compile("import('c').catch(() => {}); import('d', { with: { type: 'json' } }).catch(() => {})").runInContext(context);
            assertThat(vm.stats().importHookCalls()).isEqualTo(2);
        }
    }

    /* Runs count per context and move to the Vm's sums when the context closes: however it closes, none is lost or counted twice. */
    @Test
    void runsOfClosedContextsStayCountedOnce() throws Exception {
        try (Vm vm = Vm.create(TIMED)) {
            Script one = vm.compile("1");
            VmContext closedAfter = vm.createContext();
            one.runInContext(closedAfter);
            one.runInContext(closedAfter);
            closedAfter.close();
            closedAfter.close();
            assertThat(vm.stats().runs()).isEqualTo(2);

            // Closed by a host function inside its run: the run reports the close, and counts once.
            VmContext[] self = new VmContext[1];
            VmContext closedInside = vm.createContext(Map.of("closeMe", (io.github.jsvm.HostFunction) args -> {
                self[0].close();
                return null;
            }));
            self[0] = closedInside;
            long before = vm.stats().runs(); // createContext's global definition is a run of its own
            assertThatThrownBy(() -> vm.compile("closeMe(); 2").runInContext(closedInside))
                    .isInstanceOf(io.github.jsvm.ContextClosedException.class);
            assertThat(closedInside.isClosed()).isTrue();
            assertThat(vm.stats().runs()).isEqualTo(before + 1);

            // Closed from another thread while a run spins: the cancelled run still counts, once.
            java.util.concurrent.CountDownLatch spinning = new java.util.concurrent.CountDownLatch(1);
            VmContext closedDuring = vm.createContext(Map.of("spinning", (io.github.jsvm.HostFunction) args -> {
                spinning.countDown();
                return null;
            }));
            long beforeSpin = vm.stats().runs();
            Thread spinner = new Thread(() -> {
                try {
                    vm.compile("spinning(); while (true) {}").runInContext(closedDuring);
                } catch (RuntimeException expected) {
                    // the close cancels it
                }
            });
            spinner.start();
            assertThat(spinning.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            closedDuring.close();
            spinner.join(30_000);
            assertThat(spinner.isAlive()).isFalse();
            assertThat(vm.stats().runs()).isEqualTo(beforeSpin + 1);
            assertThat(vm.stats().runTime()).isPositive();
        }
    }

    @Test
    void aRunRefusedBecauseItsContextsBudgetIsSpentCountsAsARunAndALimitHit() {
        try (Vm vm = Vm.create();
                VmContext context = vm.createContext(Map.of(), io.github.jsvm.ContextOptions.builder()
                        .budget(io.github.jsvm.ContextBudget.builder().statements(5).build()).build())) {
            assertThatThrownBy(() -> vm.compile("for (let i = 0; i < 100; i++) {}").runInContext(context))
                    .isInstanceOf(ResourceExhaustedException.class);
            assertThat(vm.stats().resourceLimitHits(Resource.STATEMENTS)).isEqualTo(1);
            assertThatThrownBy(() -> vm.compile("1").runInContext(context))
                    .isInstanceOf(ResourceExhaustedException.class).hasMessageContaining("has spent");
            VmStats stats = vm.stats();
            assertThat(stats.resourceLimitHits(Resource.STATEMENTS)).isEqualTo(2);
            assertThat(stats.runs()).isEqualTo(2);
        }
    }

    @Test
    void aClosedVmStillReportsItsFinalCounts() {
        Vm vm = Vm.create();
        try (VmContext context = vm.createContext()) {
            vm.compile("1").runInContext(context);
        }
        vm.close();
        VmStats stats = vm.stats();
        assertThat(stats.runs()).isEqualTo(1);
        assertThat(stats.contextsCreated()).isEqualTo(1);
        assertThat(stats.liveContexts()).isZero();
        assertThat(stats.scriptCache().misses()).isEqualTo(1);
    }

    @Test
    void theSnapshotValidatesAndCompletesItsMap() {
        VmStats stats = new VmStats(0, Duration.ZERO, 0, Map.of(Resource.CPU_TIME, 2L), 0, 0, 0,
                new io.github.jsvm.ScriptCacheStats(0, 0, 0, 0, 0));
        assertThat(stats.resourceLimitHits(Resource.CPU_TIME)).isEqualTo(2);
        assertThat(stats.resourceLimitHits(Resource.HOST_HEAP)).isZero();
        assertThatThrownBy(() -> stats.resourceLimitHits().put(Resource.HOST_HEAP, 1L)).isInstanceOf(UnsupportedOperationException.class);
    }
}
