package io.github.jsvm.engine;

import io.github.jsvm.ContextOptions;
import io.github.jsvm.FunctionOptions;
import io.github.jsvm.HostFunction;
import io.github.jsvm.ImportModuleDynamically;
import io.github.jsvm.ImportReferrer;
import io.github.jsvm.JsFunction;
import io.github.jsvm.Module;
import io.github.jsvm.ModuleOptions;
import io.github.jsvm.Script;
import io.github.jsvm.ScriptOptions;
import io.github.jsvm.SourceTextModule;
import io.github.jsvm.SyntheticModule;
import io.github.jsvm.VmContext;
import io.github.jsvm.leaktest.LeakTestOptions;
import io.github.jsvm.leaktest.LeakTester;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

/**
 * The collectability scenarios, each run by {@link MemoryCappedSuiteTest} in its own JVM with a
 * small heap: {@code MemoryScenarios <scenario> <default|leaky|too-weak>}.
 *
 * <p>Prints {@code HEAP <samples> <bytes used after a full collection>} as it goes and
 * {@code RESULT <summary>} at the end; exits with 0 when the scenario's claim holds, 1 when it
 * does not, 3 on {@code OutOfMemoryError}.
 */
public final class MemoryScenarios {
    /** About 10 KB of source text, different for every sample so that nothing is shared. */
    private static String filler(int sample) {
        return "/* sample " + sample + " " + "x".repeat(10_240) + " */";
    }

    private final GraalJsVm vm;
    private final LeakTester leakTester = LeakTester.create(LeakTestOptions.defaults());

    private MemoryScenarios(GraalJsVm vm) {
        this.vm = vm;
    }

    public static void main(String[] args) {
        HostDefinedOptionsRegistry registry = switch (args[1]) {
            case "default" -> new WeakHostDefinedOptionsRegistry();
            case "leaky" -> new LeakyHostDefinedOptionsRegistry();
            case "too-weak" -> new TooWeakHostDefinedOptionsRegistry();
            case "keeps-first-hook" -> new FirstHookKeepingRegistry();
            default -> throw new IllegalArgumentException("registry must be default, leaky, too-weak or keeps-first-hook: " + args[1]);
        };
        int exit;
        try (GraalJsVm vm = new GraalJsVm(io.github.jsvm.VmOptions.defaults(), registry)) {
            MemoryScenarios scenarios = new MemoryScenarios(vm);
            String result = switch (args[0]) {
                case "scripts" -> scenarios.scripts(4096);
                case "functions" -> scenarios.functions(4096);
                case "source-text-modules" -> scenarios.sourceTextModules(32, 128);
                case "synthetic-modules" -> scenarios.syntheticModules(4096);
                case "contexts" -> scenarios.contexts(2048);
                case "closed-contexts-held" -> scenarios.contextsHeld(2000, true);
                case "open-contexts-held" -> scenarios.contextsHeld(2000, false);
                case "runs" -> scenarios.runs(20_000);
                case "test-runner" -> scenarios.testRunner(400, 50, false);
                case "test-runner-dropping" -> scenarios.testRunner(400, 50, true);
                case "lifetime" -> scenarios.lifetime();
                case "memory-bomb" -> scenarios.memoryBomb();
                case "host-heap" -> scenarios.hostHeap();
                case "deep-catch" -> scenarios.deepCatch(200);
                case "deep-catch-unlimited" -> scenarios.deepCatch(0); // the hazard itself: breaks this JVM
                case "load" -> scenarios.load(8, 5000);
                case "soak" -> new MultiTenantSoak(vm).run(8, java.time.Duration.ofSeconds(Long.getLong(SoakTest.SECONDS, 150)));
                default -> throw new IllegalArgumentException("unknown scenario " + args[0]);
            };
            System.out.println("RESULT " + result);
            exit = 0;
        } catch (OutOfMemoryError oom) {
            // The message tells heap exhaustion from "GC overhead limit exceeded" or no native thread.
            System.out.println("RESULT OutOfMemoryError: " + oom.getMessage());
            exit = 3;
        } catch (Throwable failure) {
            System.out.println("RESULT FAILED " + failure);
            failure.printStackTrace(System.out);
            exit = 1;
        }
        System.out.flush();
        Runtime.getRuntime().halt(exit);
    }

    // ---- the scenarios -----------------------------------------------------------------------------

    /*
     * A guest that catches its stack overflow in the deepest frame and runs code it has not run before
     * there, in a context with maxStackDepth (or, with 0, without: then the JVM's first set-up of that
     * code's node classes runs out of stack and the JVM refuses the classes for good, in every Vm),
     * then code needing those classes in a fresh context of another Vm.
     */
    String deepCatch(int maxStackDepth) {
        String attack = "let hits = 0; function r(n) { try { return r(n + 1); } catch (e) { hits++; return 1; } } r(0); hits";
        ContextOptions options = maxStackDepth > 0 ? ContextOptions.builder().maxStackDepth(maxStackDepth).build() : ContextOptions.defaults();
        String attackOutcome;
        try (VmContext context = vm.createContext(Map.of(), options)) {
            attackOutcome = String.valueOf(vm.compile(attack).runInContext(context));
        } catch (RuntimeException failed) {
            attackOutcome = failed.toString();
        }
        Map<String, Object> victims = Map.of("let h = 0; h++; h", 1, "let h = 0.5; h++; h", 1.5, "let s = '1'; s++; s", 2,
                "[1, 2, 3].map(x => x * 2).join()", "2,4,6");
        try (io.github.jsvm.Vm other = io.github.jsvm.Vm.create()) {
            for (Map.Entry<String, Object> victim : victims.entrySet()) {
                Object result;
                try (VmContext context = other.createContext()) {
                    result = other.compile(victim.getKey()).runInContext(context);
                } catch (RuntimeException broken) {
                    result = broken;
                }
                if (!victim.getValue().equals(result)) {
                    throw new IllegalStateException("after the attack (" + attackOutcome + "), another Vm's `" + victim.getKey()
                            + "` gave " + result + ", not " + victim.getValue());
                }
            }
        }
        return "the attack gave " + attackOutcome + "; code in another Vm ran correctly after it";
    }

    /** Case 1: scripts whose hook references the script itself. */
    String scripts(int count) throws InterruptedException {
        List<WeakReference<Object>> samples = new ArrayList<>();
        VmContext context = null;
        for (int i = 0; i < count; i++) {
            if (i % 512 == 0) {
                context = replace(context);
            }
            AtomicReference<Script> self = new AtomicReference<>();
            Script script = vm.compile("globalThis.sample = " + i + "; " + filler(i),
                    ScriptOptions.builder().filename("sample-" + i + ".js").importModuleDynamically(selfHook(self)).build());
            self.set(script);
            script.runInContext(context);
            samples.add(new WeakReference<>(script));
            heapPoint(i + 1, count / 16);
        }
        context.close();
        return collected(samples);
    }

    /** Case 2a: compileFunction with a hook that references the function. */
    String functions(int count) throws InterruptedException {
        List<WeakReference<Object>> samples = new ArrayList<>();
        VmContext context = null;
        for (int i = 0; i < count; i++) {
            if (i % 512 == 0) {
                context = replace(context);
            }
            AtomicReference<JsFunction> self = new AtomicReference<>();
            JsFunction function = vm.compileFunction("return a + " + i + "; " + filler(i), List.of("a"),
                    FunctionOptions.builder().parsingContext(context).importModuleDynamically(selfHook(self)).build());
            self.set(function);
            function.call(1);
            samples.add(new WeakReference<>(function));
            heapPoint(i + 1, count / 16);
        }
        context.close();
        return collected(samples);
    }

    /** Case 2b: source text modules, linked and evaluated, in batches that each get a context. */
    String sourceTextModules(int batches, int perBatch) throws InterruptedException {
        List<WeakReference<Object>> samples = new ArrayList<>();
        for (int batch = 0; batch < batches; batch++) {
            try (VmContext context = vm.createContext()) {
                for (int j = 0; j < perBatch; j++) {
                    int i = batch * perBatch + j;
                    AtomicReference<SourceTextModule> self = new AtomicReference<>();
                    SourceTextModule module = vm.sourceTextModule("export const sample = " + i + "; " + filler(i),
                            ModuleOptions.builder().context(context).importModuleDynamically(selfHook(self)).build());
                    self.set(module);
                    module.link();
                    module.evaluate();
                    samples.add(new WeakReference<>(module));
                }
            }
            heapPoint((batch + 1) * perBatch, batches * perBatch / 16);
        }
        return collected(samples);
    }

    /** Case 2c: synthetic modules exporting a 512-element array. */
    String syntheticModules(int count) throws InterruptedException {
        List<Integer> array = IntStream.range(0, 512).boxed().toList();
        List<WeakReference<Object>> samples = new ArrayList<>();
        VmContext context = null;
        for (int i = 0; i < count; i++) {
            if (i % 256 == 0) {
                context = replace(context);
            }
            AtomicReference<SyntheticModule> self = new AtomicReference<>();
            SyntheticModule module = vm.syntheticModule(List.of("values"), m -> m.setExport("values", array),
                    ModuleOptions.builder().context(context).importModuleDynamically(selfHook(self)).build());
            self.set(module);
            module.link();
            module.evaluate();
            samples.add(new WeakReference<>(module));
            heapPoint(i + 1, count / 16);
        }
        context.close();
        return collected(samples);
    }

    /**
     * Case 3: contexts with a context-level hook and a host function that both reference the context;
     * half are never closed.
     */
    String contexts(int count) throws InterruptedException {
        List<WeakReference<Object>> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            AtomicReference<VmContext> self = new AtomicReference<>();
            HostFunction open = args -> !self.get().isClosed();
            VmContext context = vm.createContext(Map.of("sample", i, "open", open),
                    ContextOptions.builder().importModuleDynamically(selfHook(self)).build());
            self.set(context);
            vm.compile("open() ? sample * 2 : -1").runInContext(context);
            if (i % 2 == 0) {
                context.close();
            }
            samples.add(new WeakReference<>(context));
            heapPoint(i + 1, count / 16);
        }
        String result = collected(samples);
        int open = vm.openContextCount();
        if (open > count / 4) {
            throw new AssertionError(open + " contexts are still open after collection; the cleaner should have closed dropped ones");
        }
        return result + ", " + open + " contexts still open";
    }

    /**
     * Case 3b: closed contexts the application keeps referencing (in a list, or captured by a hook of
     * a cached script) weigh next to nothing: closing releases the realm, the converter's helpers and
     * the module registry. Each context ran code, imported a module and defined globals first. The
     * negative control holds them open, which keeps each realm: the same bound must then fail.
     */
    String contextsHeld(int count, boolean close) throws InterruptedException {
        List<VmContext> held = new ArrayList<>();
        long before = 0;
        // A first round, dropped, so that what the engine keeps once (compiled code, shapes) is not counted.
        for (int i = -count / 4; i < count; i++) {
            if (i == 0) {
                held.clear();
                before = strongHeapPoint(0);
            }
            VmContext context = vm.createContext(Map.of("sample", i));
            SyntheticModule module = vm.syntheticModule(List.of("value"), m -> m.setExport("value", 1), ModuleOptions.in(context));
            ImportModuleDynamically hook = (specifier, referrer, attributes) -> module;
            vm.compile("globalThis.big = new Array(1000).fill(sample); import('m').then((ns) => { globalThis.v = ns.value; }); sample",
                    ScriptOptions.builder().importModuleDynamically(hook).build()).runInContext(context);
            if (close) {
                context.close();
            }
            held.add(context);
        }
        long perContext = (strongHeapPoint(count) - before) / count;
        long allowed = 8 << 10; // ten times below what a closed context weighed before (78 KB)
        if (perContext > allowed) {
            throw new AssertionError(count + (close ? " closed" : " open") + " contexts weigh " + perContext + " bytes each (allowed " + allowed + ")");
        }
        return held.size() + (close ? " closed" : " open") + " contexts held, " + perContext + " bytes each";
    }

    /**
     * Case 4: unique hook-bearing scripts run in one long-lived context; the strongly retained heap
     * must stay flat (the compile cache's bound is reached early; softly held parsed code does not count).
     */
    String runs(int count) throws InterruptedException {
        List<Long> points = new ArrayList<>();
        try (VmContext context = vm.createContext()) {
            for (int i = 0; i < count; i++) {
                AtomicReference<Script> self = new AtomicReference<>();
                Script script = vm.compile("globalThis.last = " + i + "; /* " + "y".repeat(1024) + " */",
                        ScriptOptions.builder().importModuleDynamically(selfHook(self)).build());
                self.set(script);
                script.runInContext(context);
                if ((i + 1) % (count / 10) == 0) {
                    points.add(strongHeapPoint(i + 1));
                }
            }
        }
        long first = points.get(0);
        long last = points.get(points.size() - 1);
        long allowed = first / 2 + (8 << 20);
        if (last - first > allowed) {
            throw new AssertionError("heap after GC grew from " + mb(first) + " to " + mb(last) + " over " + count
                    + " runs (allowed growth " + mb(allowed) + ")");
        }
        return "heap after GC " + mb(first) + " after " + count / 10 + " runs, " + mb(last) + " after " + count;
    }

    /**
     * Case 6: the test-runner pattern. Each "test file" gets a fresh context and a runtime object (with
     * a 1 MB payload) that its hook captures, and compiles and runs the same {@code modules} module
     * sources with that new hook, so every file after the second one shares parsed code with the
     * others. Every tenth file checks that an {@code import()} from each module reaches its own file's
     * hook with its own script. Files close their context, or with {@code dropping} every other file
     * drops it unclosed. Claim: the heap stays within the cap and every finished file is collectable:
     * neither shared code nor the compile cache keeps any of them alive.
     */
    String testRunner(int files, int modules, boolean dropping) throws InterruptedException {
        List<String> sources = IntStream.range(0, modules).mapToObj(MemoryScenarios::moduleSource).toList();
        List<WeakReference<Object>> runtimes = new ArrayList<>();
        for (int file = 0; file < files; file++) {
            TestFileRuntime runtime = new TestFileRuntime(file, vm.createContext());
            List<Script> scripts = new ArrayList<>();
            for (int m = 0; m < modules; m++) {
                Script script = vm.compile(sources.get(m), ScriptOptions.builder().filename("module-" + m + ".js")
                        .importModuleDynamically(runtime::importModule).build());
                script.runInContext(runtime.context);
                scripts.add(script);
            }
            if (file % 10 == 0 || file == 1 || file == 2) {
                runtime.checkImports(scripts);
            }
            if (!dropping || file % 2 == 0) {
                runtime.context.close();
            }
            runtimes.add(new WeakReference<>(runtime));
            heapPoint(file + 1, files / 20);
        }
        List<WeakReference<Object>> finished = runtimes;
        long surviving = 0;
        for (int round = 0; round < 10; round++) {
            leakTester.collectGarbage();
            Thread.sleep(600);
            leakTester.collectGarbage();
            surviving = finished.stream().filter(runtime -> !runtime.refersTo(null)).count();
            if (surviving == 0) {
                break;
            }
        }
        if (surviving > 0) {
            List<WeakReference<Object>> survivors = finished.stream().filter(runtime -> !runtime.refersTo(null)).toList();
            WeakReference<Object> survivor = survivors.get(survivors.size() - 1);
            leakTester.assertCollectable(surviving + " of " + finished.size() + " finished test files are still reachable ("
                    + survivors.stream().map(runtime -> String.valueOf(runtime.get())).toList() + "), the last one " + survivor.get(),
                    survivor::get);
        }
        return "all " + finished.size() + " test files collectable; "
                + (dropping ? "half of the contexts dropped unclosed; " : "") + vm.openContextCount() + " contexts still open";
    }

    /** A module of about 2 KB: functions on a global, one of which imports through the module's hook. */
    private static String moduleSource(int module) {
        StringBuilder text = new StringBuilder("globalThis.module" + module + " = {\n  load: (s) => import(s),\n");
        for (int i = 0; text.length() < 2048; i++) {
            text.append("  f").append(i).append("(a, b) { return a * ").append(i).append(" + b - ").append(module).append("; },\n");
        }
        return text.append("};\n").toString();
    }

    /** What a test runner's hook captures: the test file's context and state (here a 1 MB payload). */
    private final class TestFileRuntime {
        final int file;
        final VmContext context;
        final byte[] payload = new byte[1 << 20];
        final List<ImportReferrer> referrers = new ArrayList<>();

        TestFileRuntime(int file, VmContext context) {
            this.file = file;
            this.context = context;
        }

        Object importModule(String specifier, ImportReferrer referrer, Map<String, String> attributes) {
            referrers.add(referrer);
            return vm.syntheticModule(List.of("value"), m -> m.setExport("value", specifier + " in file " + file),
                    ModuleOptions.in(context));
        }

        /** Every module's loader reaches this file's hook, with that module's script as the referrer. */
        void checkImports(List<Script> scripts) {
            referrers.clear();
            for (int m = 0; m < scripts.size(); m++) {
                // Test code, compiled with the file's hook like everything a test runner compiles.
                vm.compile("globalThis.outcome = 'pending'; module" + m + ".load('x" + m + "').then((ns) => { outcome = ns.value; }, "
                        + "(e) => { outcome = 'rejected: ' + e.message; })", ScriptOptions.builder().filename("test-" + m + ".js")
                        .importModuleDynamically(this::importModule).build()).runInContext(context);
                Object outcome = context.global("outcome");
                if (!("x" + m + " in file " + file).equals(outcome)) {
                    throw new AssertionError("file " + file + ", module " + m + ": " + outcome);
                }
            }
            if (!referrers.equals(scripts)) {
                throw new AssertionError("file " + file + ": the hook saw referrers " + referrers + ", expected " + scripts);
            }
        }

        @Override
        public String toString() {
            return "test file " + file;
        }
    }

    /** Case 5: code alive in a context keeps its hook and referrer after every Java reference is gone. */
    String lifetime() throws InterruptedException {
        List<ImportReferrer> referrers = new ArrayList<>();
        try (VmContext context = vm.createContext()) {
            defineScriptLoader(context, referrers);
            defineModuleLoader(context, referrers);
            leakTester.collectGarbage();
            leakTester.collectGarbage();
            vm.compile("0"); // as any busy application would: the engine purges dead sources on the next build
            leakTester.collectGarbage();
            vm.compile("""
                    globalThis.outcome = [];
                    Promise.all([loadFromScript('a'), loadFromModule('b')])
                        .then((all) => { outcome = all.map((ns) => ns.value); }, (e) => { outcome = ['rejected', e.message]; });
                    """).runInContext(context);
            Object outcome = context.global("outcome");
            if (!List.of("a for lifetime.js", "b for lifetime-module").equals(outcome)) {
                throw new AssertionError("the hooks did not answer after collection: " + outcome);
            }
            List<String> seen = referrers.stream().map(Object::toString).toList();
            if (!seen.equals(List.of("Script[lifetime.js]", "SourceTextModule[lifetime-module, EVALUATED]"))) {
                throw new AssertionError("unexpected referrers " + seen);
            }
            return "hooks answered with referrers " + seen;
        }
    }

    /**
     * A memory bomb in one context, with a 64 MB allocation limit, while another context keeps
     * working on another thread: the bomb's run ends with the resource error, the other context
     * never fails, and both work afterwards.
     */
    String memoryBomb() throws Exception {
        try (VmContext bombSite = vm.createContext(); VmContext bystander = vm.createContext()) {
            io.github.jsvm.Script work = vm.compile("(function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); })(15)");
            java.util.concurrent.atomic.AtomicBoolean bombing = new java.util.concurrent.atomic.AtomicBoolean(true);
            java.util.concurrent.atomic.AtomicInteger bystanderRuns = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.CompletableFuture<Void> other = java.util.concurrent.CompletableFuture.runAsync(() -> {
                while (bombing.get()) {
                    if (!Integer.valueOf(610).equals(work.runInContext(bystander))) {
                        throw new AssertionError("the bystander context computed a wrong result");
                    }
                    bystanderRuns.incrementAndGet();
                }
            });
            io.github.jsvm.RunOptions limits = io.github.jsvm.RunOptions.builder().allocationLimit(64L << 20)
                    .timeout(java.time.Duration.ofMinutes(2)).build();
            String outcome;
            try {
                vm.compile("let a = []; for (;;) a.push(new Array(1e5).fill(1));").runInContext(bombSite, limits);
                outcome = "the bomb returned";
            } catch (io.github.jsvm.ResourceExhaustedException expected) {
                outcome = "bomb stopped: " + expected.getMessage();
            } finally {
                bombing.set(false);
            }
            other.get();
            if (!outcome.startsWith("bomb stopped")) {
                throw new AssertionError(outcome);
            }
            // The bomb's array is still referenced by its context's global lexical scope; drop it and go on.
            vm.compile("a = null; 'usable'").runInContext(bombSite);
            long heapAfter = heapPoint(1, 1);
            if (!Integer.valueOf(610).equals(work.runInContext(bystander))) {
                throw new AssertionError("the bystander context failed after the bomb");
            }
            return outcome + "; bystander ran " + bystanderRuns.get() + " times meanwhile; heap after GC " + mb(heapAfter);
        }
    }

    /**
     * Case 8: guest data that would exhaust a small host heap, no limits set. Every case ends with a
     * typed {@code VmException} (never an {@code OutOfMemoryError}), the copies the host makes are
     * bounded, and the Vm goes on working: a fresh context runs correctly after each case. And a
     * large host list copied into the guest fits the same heap. Each case prints {@code CASE <name>}
     * as it starts and again when it passed.
     */
    String hostHeap() {
        List<String> outcomes = new ArrayList<>();
        io.github.jsvm.Script check = vm.compile("[1, 2, 3].map((x) => x * 2).join()");
        java.util.function.BiConsumer<String, java.util.function.Function<VmContext, String>> expect = (name, job) -> {
            // Printed as it starts: the log of a JVM that failed or hung names the case.
            System.out.println("CASE " + name);
            long started = System.nanoTime();
            String outcome;
            try (VmContext context = vm.createContext()) {
                outcome = job.apply(context);
            }
            try (VmContext fresh = vm.createContext()) {
                if (!"2,4,6".equals(check.runInContext(fresh))) {
                    throw new AssertionError("after " + name + ": a fresh context computed a wrong result");
                }
            }
            System.out.println("CASE " + name + " passed in " + (System.nanoTime() - started) / 1_000_000 + " ms: " + outcome);
            outcomes.add(name + ": " + outcome);
        };
        expect.accept("sparse array result", context -> typed(io.github.jsvm.VmException.class, "too large to convert",
                () -> vm.compile("const a = []; a.length = 2 ** 24; a").runInContext(context)));
        expect.accept("huge string result", context -> typed(io.github.jsvm.VmException.class, "too large to convert",
                () -> vm.compile("'x'.repeat(3e7)").runInContext(context)));
        expect.accept("thrown string larger than the heap allows copying", context -> {
            // GraalJS copies a thrown value into its PolyglotException message before the library sees
            // it: at this size that copy may exhaust the heap, which must end the run, nothing more.
            RuntimeException failure = typedException(io.github.jsvm.VmException.class,
                    () -> vm.compile("throw 'x'.repeat(3e7)").runInContext(context));
            if (!(failure instanceof io.github.jsvm.JsException || failure instanceof io.github.jsvm.ResourceExhaustedException)
                    || failure.getMessage().length() > 10_000) {
                throw new AssertionError("expected a cut JsException or ResourceExhaustedException: " + failure.getClass());
            }
            return failure.getClass().getSimpleName();
        });
        expect.accept("huge thrown string", context -> {
            io.github.jsvm.JsException thrown = (io.github.jsvm.JsException) typedException(io.github.jsvm.JsException.class,
                    () -> vm.compile("throw 'x'.repeat(1e7)").runInContext(context));
            if (thrown.getMessage().length() > 10_000 || !thrown.errorMessage().endsWith("more characters]")
                    || !thrown.errorMessage().equals(thrown.thrownValue())) {
                throw new AssertionError("the thrown string was not cut and kept: " + thrown.getMessage().length() + " characters");
            }
            return "cut to " + thrown.getMessage().length() + " characters";
        });
        expect.accept("huge error message", context -> {
            io.github.jsvm.JsException thrown = (io.github.jsvm.JsException) typedException(io.github.jsvm.JsException.class,
                    () -> vm.compile("throw new RangeError('y'.repeat(1e7))").runInContext(context));
            if (thrown.getMessage().length() > 10_000 || !"RangeError".equals(thrown.errorName())) {
                throw new AssertionError("the message was not cut: " + thrown.getMessage().length() + " characters");
            }
            return "cut to " + thrown.getMessage().length() + " characters";
        });
        expect.accept("syntax error in a 3 MB line", context -> {
            io.github.jsvm.ScriptSyntaxException error = (io.github.jsvm.ScriptSyntaxException) typedException(
                    io.github.jsvm.ScriptSyntaxException.class, () -> vm.compile("z".repeat(3_000_000) + " )"));
            if (error.getMessage().length() > 1000) {
                throw new AssertionError("the syntax error message has " + error.getMessage().length() + " characters");
            }
            return "message of " + error.getMessage().length() + " characters";
        });
        expect.accept("host list of a million elements", context -> {
            // Copied into the guest as a dense array: element by element definitions once cost over a
            // kilobyte per element, so this list alone exhausted a 1 GB heap.
            context.setGlobal("million", java.util.Collections.nCopies(1_000_000, 1));
            Object sum = vm.compile("let sum = 0; for (let i = 0; i < million.length; i++) sum += million[i]; sum").runInContext(context);
            if (!Integer.valueOf(1_000_000).equals(sum)) {
                throw new AssertionError("the guest summed the host's list to " + sum);
            }
            return "summed to " + sum;
        });
        expect.accept("heap bomb", context -> typed(io.github.jsvm.ResourceExhaustedException.class, "heap",
                () -> vm.compile("const keep = []; for (;;) keep.push(new Array(1e5).fill(Math.random()));").runInContext(context)));
        return String.join("; ", outcomes);
    }

    private static String typed(Class<? extends RuntimeException> type, String containing, java.util.function.Supplier<Object> job) {
        RuntimeException failure = typedException(type, job);
        if (!failure.getMessage().contains(containing)) {
            throw new AssertionError("expected a message containing '" + containing + "': " + failure.getMessage());
        }
        return type.getSimpleName();
    }

    private static RuntimeException typedException(Class<? extends RuntimeException> type, java.util.function.Supplier<Object> job) {
        Object result;
        try {
            result = job.get();
        } catch (RuntimeException failure) {
            if (type.isInstance(failure)) {
                return failure;
            }
            throw new AssertionError("expected " + type.getSimpleName() + ", got " + failure, failure);
        }
        throw new AssertionError("expected " + type.getSimpleName() + ", got a result of " + String.valueOf(result).length() + " characters");
    }

    /**
     * Load: {@code threads} threads x {@code runs} runs over a pool of four contexts, with script churn
     * and dynamic imports mixed in. Each thread checks that every result is its own (no cross-talk);
     * the whole must finish (no deadlock) and the heap after GC must end where it started.
     */
    String load(int threads, int runs) throws Exception {
        java.util.concurrent.BlockingQueue<VmContext> pool = new java.util.concurrent.ArrayBlockingQueue<>(4);
        for (int i = 0; i < 4; i++) {
            pool.add(vm.createContext());
        }
        Script shared = vm.compile("globalThis.calls = (globalThis.calls || 0) + 1; input * 2");
        java.util.concurrent.atomic.AtomicLong importsChecked = new java.util.concurrent.atomic.AtomicLong();
        java.util.function.IntConsumer work = thread -> {
            for (int i = 0; i < runs; i++) {
                VmContext context;
                try {
                    context = pool.take();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                try {
                    long input = thread * 1_000_000L + i;
                    context.setGlobal("input", input);
                    Object doubled = shared.runInContext(context);
                    if (!(doubled instanceof Number number) || number.longValue() != input * 2) {
                        throw new AssertionError("thread " + thread + " run " + i + " got " + doubled + ", expected " + input * 2);
                    }
                    if (i % 50 == 0) {
                        String expected = "module for " + input;
                        Script churn = vm.compile("import('m" + input + "').then((ns) => { globalThis.imported = ns.value; })",
                                ScriptOptions.builder().filename("churn-" + input + ".js").importModuleDynamically(
                                        (specifier, referrer, attributes) -> vm.syntheticModule(List.of("value"),
                                                m -> m.setExport("value", expected), ModuleOptions.in(context))).build());
                        churn.runInContext(context);
                        if (!expected.equals(context.global("imported"))) {
                            throw new AssertionError("thread " + thread + " imported " + context.global("imported"));
                        }
                        importsChecked.incrementAndGet();
                    }
                } finally {
                    pool.add(context);
                }
            }
        };
        work.accept(0); // warm-up and baseline, single-threaded
        long before = heapPoint(1, 1);
        java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newFixedThreadPool(threads);
        List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
        for (int t = 1; t <= threads; t++) {
            int thread = t;
            futures.add(executor.submit(() -> work.accept(thread)));
        }
        executor.shutdown();
        if (!executor.awaitTermination(4, java.util.concurrent.TimeUnit.MINUTES)) {
            throw new AssertionError("the load did not finish within 4 minutes: deadlock or starvation");
        }
        for (java.util.concurrent.Future<?> future : futures) {
            future.get();
        }
        leakTester.collectGarbage();
        Thread.sleep(600);
        long after = heapPoint(2, 1);
        for (VmContext context : pool) {
            context.close();
        }
        if (after - before > (16 << 20)) {
            throw new AssertionError("heap after GC grew from " + mb(before) + " to " + mb(after) + " under load");
        }
        return threads + " threads x " + runs + " runs, " + importsChecked.get() + " dynamic imports checked, heap after GC "
                + mb(before) + " before, " + mb(after) + " after";
    }

    private void defineScriptLoader(VmContext context, List<ImportReferrer> referrers) {
        Script script = vm.compile("globalThis.loadFromScript = (s) => import(s);", ScriptOptions.builder()
                .filename("lifetime.js").importModuleDynamically(recordingHook(context, referrers, "lifetime.js")).build());
        script.runInContext(context);
    }

    private void defineModuleLoader(VmContext context, List<ImportReferrer> referrers) {
        SourceTextModule module = vm.sourceTextModule("globalThis.loadFromModule = (s) => import(s);", ModuleOptions.builder()
                .context(context).identifier("lifetime-module")
                .importModuleDynamically(recordingHook(context, referrers, "lifetime-module")).build());
        module.link();
        module.evaluate();
    }

    private ImportModuleDynamically recordingHook(VmContext context, List<ImportReferrer> referrers, String name) {
        return (specifier, referrer, attributes) -> {
            referrers.add(referrer);
            return vm.syntheticModule(List.of("value"), m -> m.setExport("value", specifier + " for " + name),
                    ModuleOptions.in(context));
        };
    }

    // ---- helpers -----------------------------------------------------------------------------------

    /** A hook whose closure references its own script, function, module or context. */
    private static ImportModuleDynamically selfHook(AtomicReference<?> self) {
        return (specifier, referrer, attributes) -> {
            throw new IllegalStateException("not expected to be called; references " + self.get());
        };
    }

    private VmContext replace(VmContext context) {
        if (context != null) {
            context.close();
        }
        return vm.createContext();
    }

    /**
     * Prints the heap used after the strongest collection short of a heap dump (soft references
     * cleared, Truffle's tables purged): what is strongly retained; returns it.
     */
    private long strongHeapPoint(int samples) throws InterruptedException {
        leakTester.collectGarbage();
        Thread.sleep(600);
        return heapPoint(samples, 1);
    }

    /** Prints the heap used after a full collection every {@code every} samples; returns it. */
    private static long heapPoint(int samples, int every) {
        if (samples % every != 0) {
            return -1;
        }
        long used = usedAfterGc();
        System.out.println("HEAP " + samples + " " + used);
        return used;
    }

    private static long usedAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private String collected(List<WeakReference<Object>> samples) throws InterruptedException {
        long collected = 0;
        for (int round = 0; round < 10 && collected == 0; round++) {
            leakTester.collectGarbage();
            // Truffle forgets dead sources lazily; the Vm's janitor makes it do so within a tick or two.
            Thread.sleep(600);
            leakTester.collectGarbage();
            collected = samples.stream().filter(sample -> sample.refersTo(null)).count();
        }
        if (collected == 0) {
            // Fails with the retention path of a surviving sample and keeps the heap dump.
            java.util.Iterator<WeakReference<Object>> survivors = samples.iterator();
            leakTester.assertCollectable(samples.size() + " samples, none collected", () -> survivors.next().get());
        }
        return collected + " of " + samples.size() + " samples collected";
    }

    private static String mb(long bytes) {
        return String.format("%.1f MB", bytes / 1048576.0);
    }
}
