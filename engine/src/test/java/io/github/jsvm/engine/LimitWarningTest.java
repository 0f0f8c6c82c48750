package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jsvm.ContextBudget;
import io.github.jsvm.InvalidArgumentException;
import io.github.jsvm.LimitWarning;
import io.github.jsvm.LimitWarning.Scope;
import io.github.jsvm.ResourceExhaustedException;
import io.github.jsvm.ResourceExhaustedException.Resource;
import io.github.jsvm.RunOptions;
import io.github.jsvm.Script;
import io.github.jsvm.VmContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link LimitWarning}: early warnings per run and per context budget, told on a thread of their own. */
class LimitWarningTest extends SharedVmTest {
    private static final String LOOP = "var sum = 0; for (var i = 0; i < 1000; i++) { sum += i; } sum";

    /** What a listener heard, and on which thread. */
    record Heard(LimitWarning.Event event, Thread thread) {}

    static final class Recorder implements LimitWarning.Listener {
        final List<Heard> heard = new CopyOnWriteArrayList<>();

        @Override
        public void approaching(LimitWarning.Event event) {
            heard.add(new Heard(event, Thread.currentThread()));
        }

        /** Waits (bounded) for the first warning to arrive; the warning is due, so this does not guess a time. */
        Heard first() throws InterruptedException {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (heard.isEmpty() && System.nanoTime() < until) {
                Thread.sleep(1);
            }
            assertThat(heard).as("a warning arrived").isNotEmpty();
            return heard.get(0);
        }
    }

    /** Waits until every warning handed over so far has been told: after it, none can still come from past runs' statements. */
    static void warningsDelivered() throws InterruptedException {
        Watchdog watchdog = ((GraalJsVm) vm).watchdog();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (watchdog.warningsPending() > 0 && System.nanoTime() < until) {
            Thread.sleep(1);
        }
        assertThat(watchdog.warningsPending()).isZero();
    }

    @Test
    void aContextsStatementWarningComesOnceExactlyAtTheMarkOnAWarningThread() throws Exception {
        long perRun = ContextBudgetTest.statementsOf(LOOP);
        Recorder recorder = new Recorder();
        // The mark is 1.5 runs in: the second run crosses it in the middle.
        try (VmContext context = ContextBudgetTest.budgeted(ContextBudget.builder().statements(4 * perRun)
                .warning(LimitWarning.at(0.375, recorder)).build())) {
            Script loop = vm.compile(LOOP);
            loop.runInContext(context);
            warningsDelivered();
            assertThat(recorder.heard).as("below the mark: no warning").isEmpty();
            loop.runInContext(context);
            warningsDelivered();
            loop.runInContext(context);
            warningsDelivered();
            assertThat(recorder.heard).singleElement().satisfies(heard -> {
                assertThat(heard.event()).isEqualTo(new LimitWarning.Event(Scope.CONTEXT, Resource.STATEMENTS, 4 * perRun,
                        (long) (0.375 * 4 * perRun), heard.event().context()));
                assertThat(heard.event().context()).contains("context");
                assertThat(heard.thread()).isNotSameAs(Thread.currentThread());
                assertThat(heard.thread().getName()).contains("-warning-");
            });
        }
    }

    @Test
    void aContextWarningReachedAsARunEndsIsGivenAtTheEnd() throws Exception {
        long perRun = ContextBudgetTest.statementsOf(LOOP);
        Recorder recorder = new Recorder();
        // The mark is exactly one run: no statement follows it in that run, so the end of the run gives it.
        try (VmContext context = ContextBudgetTest.budgeted(ContextBudget.builder().statements(2 * perRun)
                .warning(LimitWarning.at(0.5, recorder)).build())) {
            vm.compile(LOOP).runInContext(context);
            assertThat(recorder.first().event()).isEqualTo(
                    new LimitWarning.Event(Scope.CONTEXT, Resource.STATEMENTS, 2 * perRun, perRun, recorder.first().event().context()));
            vm.compile(LOOP).runInContext(context);
            warningsDelivered();
            assertThat(recorder.heard).hasSize(1);
        }
    }

    @Test
    void aRunsStatementWarningComesOncePerRunAndNotBelowTheMark() throws Exception {
        long perRun = ContextBudgetTest.statementsOf(LOOP);
        Recorder recorder = new Recorder();
        try (VmContext context = vm.createContext()) {
            Script loop = vm.compile(LOOP);
            loop.runInContext(context, RunOptions.builder().statementLimit(4 * perRun).warning(LimitWarning.at(0.5, recorder)).build());
            warningsDelivered();
            assertThat(recorder.heard).as("a quarter of the limit: below the mark").isEmpty();
            RunOptions tight = RunOptions.builder().statementLimit(perRun + 10).warning(LimitWarning.at(0.5, recorder)).build();
            loop.runInContext(context, tight);
            loop.runInContext(context, tight);
            warningsDelivered();
            assertThat(recorder.heard).hasSize(2).allSatisfy(heard -> {
                assertThat(heard.event()).isEqualTo(new LimitWarning.Event(Scope.RUN, Resource.STATEMENTS, perRun + 10,
                        (perRun + 10) / 2, heard.event().context()));
                assertThat(heard.thread()).isNotSameAs(Thread.currentThread());
            });
        }
    }

    @Test
    void aRunsCpuWarningComesBeforeItsLimitStopsIt() throws Exception {
        Recorder recorder = new Recorder();
        Duration limit = Duration.ofMillis(400);
        try (VmContext context = vm.createContext()) {
            Thread runner = Thread.currentThread();
            assertThatThrownBy(() -> vm.compile("for (;;) {}").runInContext(context,
                    RunOptions.builder().cpuTimeLimit(limit).warning(LimitWarning.at(0.25, recorder)).build()))
                    .isInstanceOfSatisfying(ResourceExhaustedException.class, e -> assertThat(e.resource()).isEqualTo(Resource.CPU_TIME));
            Heard heard = recorder.first();
            assertThat(heard.event().scope()).isEqualTo(Scope.RUN);
            assertThat(heard.event().resource()).isEqualTo(Resource.CPU_TIME);
            assertThat(heard.event().limit()).isEqualTo(limit.toNanos());
            assertThat(heard.event().used()).isGreaterThanOrEqualTo(limit.toNanos() / 4);
            assertThat(heard.thread()).isNotSameAs(runner);
            assertThat(heard.thread().getName()).contains("-warning-");
            warningsDelivered();
            assertThat(recorder.heard).as("once per run").hasSize(1);
        }
    }

    @Test
    void aContextsCpuWarningComesWhileARunBurnsAndOnlyOnce() throws Exception {
        Recorder recorder = new Recorder();
        try (VmContext context = ContextBudgetTest.budgeted(ContextBudget.builder().cpuTime(Duration.ofSeconds(2))
                .warning(LimitWarning.at(0.05, recorder)).build())) {
            // The run's own limit stops it; the context's mark (100 ms) is crossed on the way.
            RunOptions limited = RunOptions.builder().cpuTimeLimit(Duration.ofMillis(250)).build();
            assertThatThrownBy(() -> vm.compile("for (;;) {}").runInContext(context, limited))
                    .isInstanceOfSatisfying(ResourceExhaustedException.class, e -> assertThat(e.isContextBudget()).isFalse());
            Heard heard = recorder.first();
            assertThat(heard.event().scope()).isEqualTo(Scope.CONTEXT);
            assertThat(heard.event().resource()).isEqualTo(Resource.CPU_TIME);
            assertThat(heard.event().used()).isGreaterThanOrEqualTo(Duration.ofMillis(100).toNanos());
            assertThatThrownBy(() -> vm.compile("for (;;) {}").runInContext(context, limited)).isInstanceOf(ResourceExhaustedException.class);
            warningsDelivered();
            assertThat(recorder.heard).as("once per budget").hasSize(1);
        }
    }

    @Test
    void aListenerThatThrowsOrBlocksChangesNoLimit() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        LimitWarning.Listener blocking = event -> {
            blocked.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        LimitWarning.Listener throwing = event -> {
            throw new IllegalStateException("listener bug");
        };
        try (VmContext context = vm.createContext()) {
            Script forever = vm.compile("for (;;) {}");
            for (LimitWarning.Listener listener : List.of(throwing, blocking)) {
                assertThatThrownBy(() -> forever.runInContext(context, RunOptions.builder().cpuTimeLimit(Duration.ofMillis(100))
                        .warning(LimitWarning.at(0.1, listener)).build()))
                        .isInstanceOfSatisfying(ResourceExhaustedException.class, e -> assertThat(e.resource()).isEqualTo(Resource.CPU_TIME));
                assertThatThrownBy(() -> forever.runInContext(context, RunOptions.builder().statementLimit(1000)
                        .warning(LimitWarning.at(0.1, listener)).build()))
                        .isInstanceOfSatisfying(ResourceExhaustedException.class, e -> assertThat(e.resource()).isEqualTo(Resource.STATEMENTS));
                assertThat(vm.compile(LOOP).runInContext(context, RunOptions.builder().statementLimit(100_000)
                        .warning(LimitWarning.at(0.001, listener)).build())).isEqualTo(499500);
            }
            assertThat(blocked.await(30, TimeUnit.SECONDS)).as("the blocking listener was called, and is still blocked").isTrue();
            // Another context's limit is not held up by the blocked listener either.
            try (VmContext other = vm.createContext()) {
                assertThatThrownBy(() -> forever.runInContext(other, RunOptions.builder().cpuTimeLimit(Duration.ofMillis(50))
                        .warning(LimitWarning.at(0.5, blocking)).build())).isInstanceOf(ResourceExhaustedException.class);
            }
        } finally {
            release.countDown();
        }
    }

    @Test
    void theContextsRunOptionsCarryARunWarning() throws Exception {
        long perRun = ContextBudgetTest.statementsOf(LOOP);
        Recorder recorder = new Recorder();
        RunOptions defaults = RunOptions.builder().statementLimit(2 * perRun).warning(LimitWarning.at(0.25, recorder)).build();
        try (VmContext context = vm.createContext(java.util.Map.of(), io.github.jsvm.ContextOptions.builder().runOptions(defaults).build())) {
            vm.compile(LOOP).runInContext(context);
            assertThat(recorder.first().event().scope()).isEqualTo(Scope.RUN);
        }
    }

    @Test
    void theFractionMustBeStrictlyBetweenZeroAndOne() {
        LimitWarning.Listener listener = event -> {};
        for (double bad : new double[] {0, 1, -0.5, 1.5, Double.NaN}) {
            assertThatThrownBy(() -> LimitWarning.at(bad, listener)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("fraction");
        }
        assertThatThrownBy(() -> LimitWarning.at(0.5, null)).isInstanceOf(NullPointerException.class).hasMessageContaining("listener");
    }
}
