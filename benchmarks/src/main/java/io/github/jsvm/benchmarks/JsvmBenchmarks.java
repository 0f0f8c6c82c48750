package io.github.jsvm.benchmarks;

import io.github.jsvm.ImportModuleDynamically;
import io.github.jsvm.ModuleOptions;
import io.github.jsvm.Script;
import io.github.jsvm.ScriptCacheOptions;
import io.github.jsvm.ScriptOptions;
import io.github.jsvm.SourceTextModule;
import io.github.jsvm.SyntheticModule;
import io.github.jsvm.Vm;
import io.github.jsvm.VmContext;
import io.github.jsvm.VmOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The benchmark rows, each measured for jsvm ({@code *_jsvm}) and, where GraalJS can do the same
 * thing, for raw GraalJS on its own shared engine ({@code *_raw}): the floor the library's overhead
 * is measured against. Node's rows come from {@code benchmarks/node/vm-bench.js} in the same run.
 * Method names are {@code <row>_<system>}; {@link RunBenchmarks} pairs them up.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class JsvmBenchmarks {
    static final String TINY = "1 + 1";
    /** Other scripts (each with its own hook) in the crowded Vm's cache and registry. */
    static final int CROWD = 10_000;
    static final String FIB = "function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }";

    private Vm vm;
    private VmContext context;
    /* A context with a CPU-time budget far beyond what the benchmark spends: what a budget costs a run. */
    private VmContext budgetedContext;
    private Script tiny;
    private Script fibCall;
    /* A budget fib(27) never reaches: the run counts every statement and completes. */
    private static final io.github.jsvm.RunOptions FIB_BUDGET = io.github.jsvm.RunOptions.builder().statementLimit(1L << 40).build();
    private static final io.github.jsvm.RunOptions FIB_ALLOCATION_LIMIT = io.github.jsvm.RunOptions.builder()
            .allocationLimit(1L << 40).timeout(java.time.Duration.ofMinutes(10)).build();
    private String source10k;
    private String source1m;
    private String module10k;
    private ScriptOptions sharedHookOptions;
    /* Atomic so that a run with several threads (`-t 2`) still compiles only unique sources. */
    private final AtomicLong unique = new AtomicLong();

    private Engine rawEngine;
    private Context rawContext;
    private Source rawSource10k;
    private Source rawTiny;
    private Source rawFibCall;

    private VmContext moduleContext;
    private Script importer;

    /* A second Vm whose compile cache and hook registry hold thousands of other entries (O(1) lookups). */
    private Vm crowdedVm;
    private List<Script> crowd;
    private VmContext crowdedContext;
    private Script crowdedImporter;

    /** JavaScript of about {@code kb} KB: many small functions, as real scripts are. */
    static String source(int kb) {
        StringBuilder text = new StringBuilder("var tag = 'same';\n");
        for (int i = 0; text.length() < kb * 1024; i++) {
            text.append("function f").append(i).append("(a, b) { return a * ").append(i).append(" + b - Math.sqrt(a + ")
                    .append(i).append("); }\n");
        }
        return text.append("tag;").toString();
    }

    @Setup
    public void setUp() {
        vm = Vm.create();
        context = vm.createContext();
        budgetedContext = vm.createContext(java.util.Map.of(), io.github.jsvm.ContextOptions.builder()
                .budget(io.github.jsvm.ContextBudget.builder().cpuTime(java.time.Duration.ofDays(365)).build()).build());
        tiny = vm.compile(TINY);
        vm.compile(FIB).runInContext(context);
        fibCall = vm.compile("fib(27)");
        source10k = source(10);
        source1m = source(1024);
        module10k = source10k + "\nexport { tag };\n";
        ImportModuleDynamically hook = (specifier, referrer, attributes) -> {
            throw new IllegalStateException("not called");
        };
        sharedHookOptions = ScriptOptions.builder().filename("same.js").importModuleDynamically(hook).build();

        crowdedVm = Vm.create(VmOptions.builder().scriptCache(ScriptCacheOptions.builder()
                .maximumCharacters(64L << 20).expireAfterAccess(java.time.Duration.ofHours(1)).build()).build());
        crowd = new java.util.ArrayList<>();
        for (int i = 0; i < CROWD; i++) {
            crowd.add(crowdedVm.compile("/* " + i + " */ 0;", ScriptOptions.builder()
                    .importModuleDynamically((specifier, referrer, attributes) -> null).build()));
        }
        crowdedVm.compile(source10k);
        crowdedContext = crowdedVm.createContext();
        SyntheticModule crowdedTarget = crowdedVm.syntheticModule(List.of("value"), m -> m.setExport("value", 1),
                ModuleOptions.in(crowdedContext));
        crowdedImporter = crowdedVm.compile("import('m')",
                ScriptOptions.builder().importModuleDynamically((s, r, a) -> crowdedTarget).build());

        rawEngine = Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build();
        rawContext = Context.newBuilder("js").engine(rawEngine).build();
        rawSource10k = Source.create("js", source10k);
        rawTiny = Source.create("js", TINY);
        rawContext.eval("js", FIB);
        rawFibCall = Source.create("js", "fib(27)");
    }

    @Setup(Level.Iteration)
    public void freshModuleContext() {
        moduleContext = vm.createContext();
        SyntheticModule target = vm.syntheticModule(List.of("value"), m -> m.setExport("value", 1), ModuleOptions.in(moduleContext));
        importer = vm.compile("import('m')", ScriptOptions.builder().importModuleDynamically((s, r, a) -> target).build());
    }

    @TearDown(Level.Iteration)
    public void closeModuleContext() {
        moduleContext.close();
    }

    @TearDown
    public void tearDown() {
        context.close();
        vm.close();
        crowdedVm.close();
        rawContext.close();
        rawEngine.close();
    }

    // ---- compile ------------------------------------------------------------------------------

    @Benchmark
    public Object compileIdentical10kCrowded_jsvm() {
        return crowdedVm.compile(source10k, ScriptOptions.defaults());
    }

    @Benchmark
    public Object dynamicImportRoundTripCrowded_jsvm() {
        return crowdedImporter.runInContext(crowdedContext);
    }

    @Benchmark
    public Object compileIdentical10k_jsvm() {
        return vm.compile(source10k, ScriptOptions.defaults());
    }

    @Benchmark
    public Object compileIdentical10kHook_jsvm() {
        return vm.compile(source10k, sharedHookOptions);
    }

    /** The test-runner pattern: the same code again, each time with a new hook object (a new test file). */
    @Benchmark
    public Object compileIdentical10kNewHook_jsvm() {
        return vm.compile(source10k, ScriptOptions.builder().filename("same.js").importModuleDynamically(newHook()).build());
    }

    /** A new hook object per call, as a test runner creates one per test file (capturing its state). */
    private ImportModuleDynamically newHook() {
        long file = unique.getAndIncrement();
        return (specifier, referrer, attributes) -> {
            throw new IllegalStateException("not called in test file " + file);
        };
    }

    @Benchmark
    public Object compileIdentical10k_raw() {
        return rawContext.parse(rawSource10k);
    }

    @Benchmark
    public Object compileUnique10k_jsvm() {
        return vm.compile("//" + unique.getAndIncrement() + "\n" + source10k);
    }

    @Benchmark
    public Object compileUnique10k_raw() {
        return rawContext.parse(Source.create("js", "//" + unique.getAndIncrement() + "\n" + source10k));
    }

    @Benchmark
    public Object compileUnique1m_jsvm() {
        return vm.compile("//" + unique.getAndIncrement() + "\n" + source1m);
    }

    @Benchmark
    public Object compileUnique1m_raw() {
        return rawContext.parse(Source.create("js", "//" + unique.getAndIncrement() + "\n" + source1m));
    }

    // ---- contexts -----------------------------------------------------------------------------

    @Benchmark
    public void createContext_jsvm() {
        vm.createContext().close();
    }

    @Benchmark
    public void createContext_raw() {
        Context created = Context.newBuilder("js").engine(rawEngine).build();
        created.initialize("js");
        created.close();
    }

    @Benchmark
    public Object createRunClose_jsvm() {
        try (VmContext created = vm.createContext()) {
            return tiny.runInContext(created);
        }
    }

    /**
     * The test-runner pattern end to end: a fresh context per test file, the same 10 KB module compiled
     * with a new hook that captures that context, run, closed.
     */
    @Benchmark
    public Object testFileNewHook_jsvm() {
        try (VmContext created = vm.createContext()) {
            Script module = vm.compile(source10k, ScriptOptions.builder().filename("same.js")
                    .importModuleDynamically((specifier, referrer, attributes) -> {
                        throw new IllegalStateException("not called in " + created);
                    }).build());
            return module.runInContext(created);
        }
    }

    /** Raw GraalJS has no hooks; the nearest equivalent of a new hook is a unique source in a fresh context. */
    @Benchmark
    public Object testFileNewHook_raw() {
        try (Context created = Context.newBuilder("js").engine(rawEngine).build()) {
            return created.eval(Source.create("js", "//" + unique.getAndIncrement() + "\n" + source10k)).asString();
        }
    }

    @Benchmark
    public Object createRunClose_raw() {
        try (Context created = Context.newBuilder("js").engine(rawEngine).build()) {
            return created.eval(rawTiny).asInt();
        }
    }

    // ---- runs ---------------------------------------------------------------------------------

    @Benchmark
    public Object tinyInExistingContext_jsvm() {
        return tiny.runInContext(context);
    }

    /** A tiny run in a context with a CPU-time budget: the run is metered (a guard and a meter) and its CPU time added up. */
    @Benchmark
    public Object tinyInBudgetedContext_jsvm() {
        return tiny.runInContext(budgetedContext);
    }

    @Benchmark
    public Object tinyInExistingContext_raw() {
        return rawContext.eval(rawTiny).asInt();
    }

    @Benchmark
    public Object runInNewContext_jsvm() {
        return tiny.runInNewContext(java.util.Map.of());
    }

    @Benchmark
    public Object fib27InContext_jsvm() {
        return fibCall.runInContext(context);
    }

    /**
     * {@link #fib27InContext_jsvm} with a statement budget: the statement counter is attached to the
     * engine and every statement is counted. JMH forks per benchmark, so the row without a budget never
     * has the counter attached.
     */
    @Benchmark
    public Object fib27InContextStatementLimit_jsvm() {
        return fibCall.runInContext(context, FIB_BUDGET);
    }

    /**
     * {@link #fib27InContext_jsvm} with an allocation limit and a timeout it never reaches, as a host
     * runs untrusted code: the watchdog samples the run, and the allocation check is attached to the
     * engine (every statement counts down to its next check).
     */
    @Benchmark
    public Object fib27InContextAllocationLimit_jsvm() {
        return fibCall.runInContext(context, FIB_ALLOCATION_LIMIT);
    }

    @Benchmark
    public Object fib27InContext_raw() {
        return rawContext.eval(rawFibCall).asInt();
    }

    // ---- modules ------------------------------------------------------------------------------

    @Benchmark
    public Object dynamicImportRoundTrip_jsvm() {
        return importer.runInContext(moduleContext);
    }

    /**
     * What an ES-module test runner does per test file: a fresh context, the same module text built
     * again as a SourceTextModule (the 10 KB source with an export), linked, evaluated, closed.
     */
    @Benchmark
    public Object sourceTextModuleInNewContext_jsvm() {
        try (VmContext fresh = vm.createContext()) {
            SourceTextModule module = vm.sourceTextModule(module10k, ModuleOptions.builder().context(fresh)
                    .identifier("file:///test/module10k.mjs").build());
            module.link();
            module.evaluate();
            return module.namespace().get("tag");
        }
    }

    @Benchmark
    public Object sourceTextModuleLinkEvaluate_jsvm() {
        SourceTextModule module = vm.sourceTextModule("export const x = 1;", ModuleOptions.in(moduleContext));
        module.link();
        module.evaluate();
        return module;
    }
}
