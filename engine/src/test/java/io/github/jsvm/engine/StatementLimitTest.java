package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jsvm.HostFunction;
import io.github.jsvm.ImportModuleDynamically;
import io.github.jsvm.ModuleOptions;
import io.github.jsvm.ResourceExhaustedException;
import io.github.jsvm.ResourceExhaustedException.Resource;
import io.github.jsvm.RunOptions;
import io.github.jsvm.RunUsage;
import io.github.jsvm.Script;
import io.github.jsvm.ScriptOptions;
import io.github.jsvm.VmContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link RunOptions#statementLimit()} and {@link RunOptions#usageListener()}. */
class StatementLimitTest extends SharedVmTest {
    private static final String LOOP = "var sum = 0; for (var i = 0; i < 1000; i++) { sum += i; } sum";

    /** Runs {@code script} with an effectively unlimited budget and returns how many statements it executed. */
    private static long statementsOf(Script script, VmContext context) {
        List<RunUsage> usages = new ArrayList<>();
        script.runInContext(context, RunOptions.builder().statementLimit(Long.MAX_VALUE).usageListener(usages::add).build());
        assertThat(usages).hasSize(1);
        return usages.get(0).statements();
    }

    @Test
    void aModuleWhoseResumedBodyRunsOutOfStatementsFailsWithTheLimit() {
        try (VmContext context = vm.createContext()) {
            io.github.jsvm.SourceTextModule module = vm.sourceTextModule(
                    "await new Promise((resolve) => { globalThis.go = resolve; }); for (;;) {} export const never = 1;",
                    ModuleOptions.in(context));
            module.link();
            module.evaluate();
            assertThat(module.status()).isEqualTo(io.github.jsvm.ModuleStatus.EVALUATING);
            assertThatThrownBy(() -> vm.compile("go()").runInContext(context, RunOptions.builder().statementLimit(100).build()))
                    .isInstanceOfSatisfying(ResourceExhaustedException.class, e -> assertThat(e.resource()).isEqualTo(Resource.STATEMENTS));
            assertThat(module.status()).isEqualTo(io.github.jsvm.ModuleStatus.ERRORED);
            assertThat(module.error()).isInstanceOfSatisfying(ResourceExhaustedException.class,
                    e -> assertThat(e.resource()).isEqualTo(Resource.STATEMENTS));
        }
    }

    @Test
    void theBudgetIsExactOneStatementLessStopsTheRunTheExactCountCompletesIt() {
        try (VmContext context = vm.createContext()) {
            Script loop = vm.compile(LOOP);
            long statements = statementsOf(loop, context);
            assertThat(statements).isGreaterThan(1000);
            assertThat(statementsOf(loop, context)).as("the count does not depend on the run").isEqualTo(statements);
            assertThatThrownBy(() -> loop.runInContext(context, RunOptions.builder().statementLimit(statements - 1).build()))
                    .isInstanceOfSatisfying(ResourceExhaustedException.class, e -> {
                        assertThat(e.resource()).isEqualTo(Resource.STATEMENTS);
                        assertThat(e.limit()).isEqualTo(statements - 1);
                        assertThat(e).hasMessageContaining("exceeded its statement limit of " + (statements - 1));
                    });
            assertThat(loop.runInContext(context, RunOptions.builder().statementLimit(statements).build())).isEqualTo(499500);
            assertThat(loop.runInContext(context, RunOptions.builder().statementLimit(statements + 1000).build())).isEqualTo(499500);
        }
    }

    @Test
    void catchingTheErrorDoesNotEscapeTheBudgetAndTheContextStaysUsable() {
        try (VmContext context = vm.createContext()) {
            Script stubborn = vm.compile("""
                    var rounds = 0;
                    for (;;) { try { for (;;) { rounds++; } } catch (e) { rounds++; } finally { rounds++; } }
                    """);
            assertThatThrownBy(() -> stubborn.runInContext(context, RunOptions.builder().statementLimit(10_000).build()))
                    .isInstanceOfSatisfying(ResourceExhaustedException.class, e -> assertThat(e.resource()).isEqualTo(Resource.STATEMENTS));
            assertThat(vm.compile("rounds > 0 && rounds <= 10000").runInContext(context)).isEqualTo(true);
            assertThat(vm.compile(LOOP).runInContext(context)).isEqualTo(499500);
        }
    }

    @Test
    void promiseJobsCountAndAJobOverBudgetFailsTheRun() {
        try (VmContext context = vm.createContext()) {
            Script deferred = vm.compile("Promise.resolve().then(() => { for (;;) {} }); 'returned'");
            assertThatThrownBy(() -> deferred.runInContext(context, RunOptions.builder().statementLimit(5_000).build()))
                    .isInstanceOfSatisfying(ResourceExhaustedException.class, e -> assertThat(e.resource()).isEqualTo(Resource.STATEMENTS));
        }
    }

    @Test
    void theContextsRunOptionsCarryTheBudgetAndAPerRunOneWins() {
        RunOptions small = RunOptions.builder().statementLimit(100).build();
        try (VmContext context = vm.createContext(Map.of(), io.github.jsvm.ContextOptions.builder().runOptions(small).build())) {
            Script loop = vm.compile(LOOP);
            assertThatThrownBy(() -> loop.runInContext(context)).isInstanceOf(ResourceExhaustedException.class);
            assertThat(loop.runInContext(context, RunOptions.builder().statementLimit(1_000_000).build())).isEqualTo(499500);
        }
    }

    @Test
    void aRunInAnotherContextFromAHostFunctionHasItsOwnBudget() {
        try (VmContext inner = vm.createContext()) {
            Script loop = vm.compile(LOOP);
            HostFunction runInner = args -> loop.runInContext(inner, RunOptions.builder().statementLimit(1_000_000).build());
            try (VmContext outer = vm.createContext(Map.of("runInner", runInner))) {
                // The outer budget is far too small for the inner loop, which runs under its own.
                assertThat(vm.compile("runInner()").runInContext(outer, RunOptions.builder().statementLimit(10).build())).isEqualTo(499500);
            }
        }
    }

    @Test
    void theUsageReportCountsWhatTheRunDid() {
        try (VmContext context = vm.createContext(Map.of("twice", (HostFunction) args -> 2 * ((Number) args.get(0)).intValue()))) {
            var module = vm.syntheticModule(List.of("x"), m -> m.setExport("x", 1), ModuleOptions.in(context));
            ImportModuleDynamically hook = (specifier, referrer, attributes) -> module;
            List<RunUsage> usages = new ArrayList<>();
            RunOptions reported = RunOptions.builder().usageListener(usages::add).build();
            Object result = vm.compile("import('a'); import('b'); twice(1) + twice(2) + twice(3) + new Array(100000).fill(1).length",
                    ScriptOptions.builder().importModuleDynamically(hook).build()).runInContext(context, reported);
            assertThat(result).isEqualTo(100012);
            assertThat(usages).singleElement().satisfies(usage -> {
                assertThat(usage.hostFunctionCalls()).isEqualTo(3);
                assertThat(usage.importCalls()).isEqualTo(2);
                assertThat(usage.statements()).as("not counted without a budget").isEqualTo(-1);
                assertThat(usage.wallTime()).isPositive();
                assertThat(usage.cpuTime()).isPositive();
                assertThat(usage.allocatedBytes()).isGreaterThan(100_000L);
            });
        }
    }

    @Test
    void aFailingListenerDoesNotChangeTheOutcome() {
        try (VmContext context = vm.createContext()) {
            RunOptions throwing = RunOptions.builder().usageListener(usage -> {
                throw new IllegalStateException("listener bug");
            }).build();
            assertThat(vm.compile("6 * 7").runInContext(context, throwing)).isEqualTo(42);
        }
    }
}
