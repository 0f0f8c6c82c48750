package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jsvm.ContextBudget;
import io.github.jsvm.ContextOptions;
import io.github.jsvm.JsFunction;
import io.github.jsvm.ResourceExhaustedException;
import io.github.jsvm.ResourceExhaustedException.Resource;
import io.github.jsvm.RunOptions;
import io.github.jsvm.RunUsage;
import io.github.jsvm.Script;
import io.github.jsvm.SourceTextModule;
import io.github.jsvm.ModuleOptions;
import io.github.jsvm.VmContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** {@link ContextBudget}: what all runs of a context may use together, and {@link VmContext#budgetRemaining()}. */
class ContextBudgetTest extends SharedVmTest {
    private static final String LOOP = "var sum = 0; for (var i = 0; i < 1000; i++) { sum += i; } sum";

    static VmContext budgeted(ContextBudget budget) {
        return vm.createContext(Map.of(), ContextOptions.builder().budget(budget).build());
    }

    /** How many statements one run of {@code code} executes (in a context of its own, without a budget). */
    static long statementsOf(String code) {
        List<RunUsage> usages = new ArrayList<>();
        try (VmContext context = vm.createContext()) {
            vm.compile(code).runInContext(context, RunOptions.builder().statementLimit(Long.MAX_VALUE).usageListener(usages::add).build());
        }
        assertThat(usages).hasSize(1);
        return usages.get(0).statements();
    }

    static Consumer<Throwable> contextBudgetOf(Resource resource, long limit, String says) {
        return thrown -> assertThat(thrown).isInstanceOfSatisfying(ResourceExhaustedException.class, e -> {
            assertThat(e.resource()).isEqualTo(resource);
            assertThat(e.isContextBudget()).as("the context's budget, not the run's limit").isTrue();
            assertThat(e.limit()).isEqualTo(limit);
            assertThat(e).hasMessageContaining(says).hasMessageContaining("ContextBudget");
        });
    }

    @Test
    void theStatementBudgetIsExactAcrossRunsAndSpentItFailsEveryLaterRunAtOnce() {
        long perRun = statementsOf(LOOP);
        assertThat(perRun).isGreaterThan(1000);
        try (VmContext context = budgeted(ContextBudget.builder().statements(2 * perRun).build())) {
            Script loop = vm.compile(LOOP);
            assertThat(context.budgetRemaining()).isEqualTo(new ContextBudget.Remaining(null, -1, 2 * perRun));
            assertThat(loop.runInContext(context)).isEqualTo(499500);
            assertThat(context.budgetRemaining().statements()).isEqualTo(perRun);
            assertThat(loop.runInContext(context)).as("the exact budget completes the second run").isEqualTo(499500);
            assertThat(context.budgetRemaining().statements()).isZero();
            assertThat(context.budgetRemaining().isSpent()).isTrue();
            // Spent: even a run that would execute no statement fails, without running.
            assertThatThrownBy(() -> context.setGlobal("touched", true))
                    .satisfies(contextBudgetOf(Resource.STATEMENTS, 2 * perRun, "has spent its statement budget of " + 2 * perRun));
            assertThat(context.isClosed()).isFalse();
        }
        try (VmContext context = budgeted(ContextBudget.builder().statements(2 * perRun - 1).build())) {
            Script loop = vm.compile(LOOP);
            assertThat(loop.runInContext(context)).isEqualTo(499500);
            assertThatThrownBy(() -> loop.runInContext(context)).as("one statement short: the second run is stopped")
                    .satisfies(contextBudgetOf(Resource.STATEMENTS, 2 * perRun - 1, "exceeded its context's statement budget"));
            assertThat(context.budgetRemaining().statements()).isZero();
            assertThatThrownBy(() -> vm.compile("1").runInContext(context))
                    .satisfies(contextBudgetOf(Resource.STATEMENTS, 2 * perRun - 1, "has spent"));
        }
    }

    @Test
    void everyKindOfRunSpendsFromTheBudgetAndARunsOwnSmallerLimitStillStopsIt() throws Exception {
        try (VmContext context = budgeted(ContextBudget.builder().statements(1_000_000).build())) {
            long before = context.budgetRemaining().statements();
            vm.compile("function f(n) { var s = 0; for (var i = 0; i < n; i++) { s += i; } return s; } var y = f(10);").runInContext(context);
            long afterScript = context.budgetRemaining().statements();
            assertThat(afterScript).isLessThan(before);
            JsFunction f = vm.compileFunction("return f(100);", List.of(), io.github.jsvm.FunctionOptions.builder().parsingContext(context).build());
            assertThat(f.call()).isEqualTo(4950);
            long afterCall = context.budgetRemaining().statements();
            assertThat(afterCall).as("a function call spends").isLessThan(afterScript);
            SourceTextModule module = vm.sourceTextModule("export let x = 0; for (let i = 0; i < 10; i++) { x += i; }", ModuleOptions.in(context));
            module.link((specifier, referrer, attributes) -> null);
            module.evaluate();
            assertThat(context.budgetRemaining().statements()).as("module evaluation spends").isLessThan(afterCall);
            // The run's own limit, smaller than what remains, stops it as the run's limit, not the context's.
            assertThatThrownBy(() -> vm.compile("for (;;) {}").runInContext(context, RunOptions.builder().statementLimit(100).build()))
                    .isInstanceOfSatisfying(ResourceExhaustedException.class, e -> {
                        assertThat(e.isContextBudget()).isFalse();
                        assertThat(e.limit()).isEqualTo(100);
                    });
        }
    }

    @Test
    void theCpuBudgetSpentAcrossRunsStopsTheRunThatSpendsTheRest() {
        Duration budget = Duration.ofMillis(300);
        try (VmContext context = budgeted(ContextBudget.builder().cpuTime(budget).build())) {
            Script small = vm.compile(LOOP);
            Duration remaining = context.budgetRemaining().cpuTime();
            assertThat(remaining).isEqualTo(budget);
            for (int i = 0; i < 3; i++) {
                assertThat(small.runInContext(context)).as("a run under the budget completes").isEqualTo(499500);
                Duration now = context.budgetRemaining().cpuTime();
                assertThat(now).as("what remains decreases with each run").isLessThan(remaining).isPositive();
                remaining = now;
            }
            // A run that burns until stopped spends the rest.
            assertThatThrownBy(() -> vm.compile("for (;;) {}").runInContext(context))
                    .satisfies(contextBudgetOf(Resource.CPU_TIME, budget.toNanos(), "exceeded its context's CPU-time budget of 300 ms"));
            assertThat(context.budgetRemaining().cpuTime()).isZero();
            assertThatThrownBy(() -> small.runInContext(context)).satisfies(contextBudgetOf(Resource.CPU_TIME, budget.toNanos(), "has spent"));
            // The context is otherwise untouched: it closes normally.
            context.close();
            assertThat(context.isClosed()).isTrue();
            assertThat(context.budgetRemaining().cpuTime()).as("readable after closing").isZero();
        }
    }

    @Test
    void aRunsOwnCpuLimitBelowWhatRemainsIsTheRunsAndTheBudgetKeepsTheRest() {
        try (VmContext context = budgeted(ContextBudget.builder().cpuTime(Duration.ofSeconds(30)).build())) {
            assertThatThrownBy(() -> vm.compile("for (;;) {}").runInContext(context, RunOptions.builder().cpuTimeLimit(Duration.ofMillis(50)).build()))
                    .isInstanceOfSatisfying(ResourceExhaustedException.class, e -> {
                        assertThat(e.resource()).isEqualTo(Resource.CPU_TIME);
                        assertThat(e.isContextBudget()).isFalse();
                        assertThat(e.limit()).isEqualTo(Duration.ofMillis(50).toNanos());
                    });
            Duration remaining = context.budgetRemaining().cpuTime();
            assertThat(remaining).isLessThanOrEqualTo(Duration.ofSeconds(30).minusMillis(50)).isGreaterThan(Duration.ofSeconds(20));
            assertThat(vm.compile(LOOP).runInContext(context)).isEqualTo(499500);
        }
    }

    @Test
    void theAllocationBudgetSpentAcrossRunsStopsAMemoryBombAndTheContextStaysClosable() {
        long budget = 16L << 20;
        try (VmContext context = budgeted(ContextBudget.builder().allocatedBytes(budget).build())) {
            assertThat(vm.compile("new Array(1000).fill(1).length").runInContext(context)).isEqualTo(1000);
            long remaining = context.budgetRemaining().allocatedBytes();
            assertThat(remaining).isLessThan(budget).isPositive();
            assertThatThrownBy(() -> vm.compile("var a = []; for (;;) { a.push(new Array(1e4).fill(1)); }").runInContext(context))
                    .satisfies(contextBudgetOf(Resource.ALLOCATED_BYTES, budget, "exceeded its context's allocation budget of " + budget));
            assertThat(context.budgetRemaining().allocatedBytes()).isZero();
            assertThat(context.budgetRemaining().statements()).as("no statement budget").isEqualTo(-1);
            assertThatThrownBy(() -> vm.compile("1").runInContext(context))
                    .satisfies(contextBudgetOf(Resource.ALLOCATED_BYTES, budget, "has spent its allocation budget"));
        }
    }

    @Test
    void withoutABudgetNothingIsSpent() {
        try (VmContext context = vm.createContext()) {
            vm.compile(LOOP).runInContext(context);
            assertThat(context.budgetRemaining()).isEqualTo(ContextBudget.Remaining.UNLIMITED);
            assertThat(context.budgetRemaining().isSpent()).isFalse();
        }
    }

    @Test
    void theBudgetRejectsBadValuesNamingThem() {
        assertThatThrownBy(() -> ContextBudget.builder().statements(0)).hasMessageContaining("statements");
        assertThatThrownBy(() -> ContextBudget.builder().cpuTime(Duration.ZERO)).hasMessageContaining("cpuTime");
        assertThatThrownBy(() -> new ContextBudget(null, -1, 0, null)).hasMessageContaining("allocatedBytes");
        assertThat(ContextBudget.none().isLimited()).isFalse();
        assertThat(ContextBudget.builder().allocatedBytes(1).build().toBuilder().build().isLimited()).isTrue();
    }
}
