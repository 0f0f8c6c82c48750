package io.github.jsvm.engine;

import io.github.jsvm.ContextOptions;
import io.github.jsvm.FunctionOptions;
import io.github.jsvm.HostFunction;
import io.github.jsvm.ImportModuleDynamically;
import io.github.jsvm.JsException;
import io.github.jsvm.JsFunction;
import io.github.jsvm.ModuleOptions;
import io.github.jsvm.ResourceExhaustedException;
import io.github.jsvm.RunOptions;
import io.github.jsvm.Script;
import io.github.jsvm.ScriptOptions;
import io.github.jsvm.ScriptTimeoutException;
import io.github.jsvm.SourceTextModule;
import io.github.jsvm.Vm;
import io.github.jsvm.VmContext;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A self-checking multi-tenant soak: several threads run a random mix of jobs against one {@link Vm}
 * for a while, over a pool of long-lived contexts and churned ones (some dropped unclosed), with
 * cached and unique scripts, hooks returning fresh modules, shared-code compiles, host functions,
 * promise-heavy code, source text modules, the main context, global lexical names across tenants,
 * and a steady share of hostile jobs (endless loops, memory bombs, deep recursion, huge values).
 *
 * <p>Every job checks its own exact result. The soak passes only with zero wrong results, zero
 * exceptions of a type the job does not expect, every thread done before its deadline, and heap
 * after GC and live threads back where they were after warm-up.
 */
final class MultiTenantSoak {
    private static final int POOL = 6;
    /* For diagnosing one kind of job alone: -Djsvm.soak.only=<a roll between 0 and 99>. */
    private static final int ONLY = Integer.getInteger("jsvm.soak.only", -1);
    private static final io.github.jsvm.leaktest.LeakTester LEAKS = io.github.jsvm.leaktest.LeakTester.create();
    private static final RunOptions BOUNDED = RunOptions.withTimeout(Duration.ofSeconds(20));

    private final Vm vm;
    private final BlockingQueue<VmContext> pool = new ArrayBlockingQueue<>(POOL);
    private final Script cached;
    private final Script promises;
    private final ImportModuleDynamically sharedHook;
    private final ConcurrentHashMap<String, AtomicLong> jobs = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, io.github.jsvm.Module> pooledModules = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    /* How far past its allocation limit a memory bomb got before it was stopped, at most: the latency of that limit. */
    private final AtomicLong bombOvershoot = new AtomicLong();
    private static final com.sun.management.ThreadMXBean ALLOCATIONS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    MultiTenantSoak(Vm vm) {
        this.vm = vm;
        for (int i = 0; i < POOL; i++) {
            pool.add(vm.createContext(Map.of("twice", (HostFunction) args -> ((Number) args.get(0)).longValue() * 2)));
        }
        cached = vm.compile("globalThis.input * 2 + twice(1)", ScriptOptions.builder().filename("cached.js").build());
        promises = vm.compile("""
                globalThis.sum = 0;
                {
                  let chain = Promise.resolve(0);
                  for (let i = 1; i <= 200; i++) chain = chain.then((s) => s + i);
                  chain.then((s) => { globalThis.sum = s; });
                }
                """, ScriptOptions.builder().filename("promises.js").build());
        sharedHook = (specifier, referrer, attributes) -> {
            throw new IllegalStateException("the shared hook is not called: " + specifier);
        };
    }

    /** Runs {@code threads} threads for {@code duration}; returns a summary, or throws with every failure seen. */
    String run(int threads, Duration duration) throws Exception {
        Duration warmUp = Duration.ofMillis(Math.min(20_000, duration.toMillis() / 4));
        runFor(threads, warmUp, 1);
        long heapBefore = usedAfterGc();
        int threadsBefore = Thread.activeCount();
        long started = System.nanoTime();
        runFor(threads, duration.minus(warmUp), 2);
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        for (VmContext context : pool) {
            vm.compile("globalThis.input = 0; 0").runInContext(context);
        }
        long heapAfter = usedAfterGc();
        int threadsAfter = Thread.activeCount();
        if (!failures.isEmpty()) {
            Map<String, Long> byKind = new java.util.TreeMap<>();
            failures.forEach(failure -> byKind.merge(failure.replaceAll("^[^)]*\\) ", "").replaceAll("[0-9]+", "N"), 1L, Long::sum));
            throw new AssertionError(failures.size() + " failures; by kind: " + byKind + "; memory bombs overshot their limit by "
                    + mb(bombOvershoot.get()) + " at most\nfirst ones:\n"
                    + String.join("\n", failures.stream().limit(20).toList()));
        }
        if (heapAfter - heapBefore > (24L << 20) && System.getProperty("jsvm.soak.dump") != null) {
            ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .dumpHeap(System.getProperty("jsvm.soak.dump"), true);
        }
        if (heapAfter - heapBefore > (24L << 20)) {
            throw new AssertionError("heap after GC grew from " + mb(heapBefore) + " to " + mb(heapAfter));
        }
        if (threadsAfter > threadsBefore + 4) {
            throw new AssertionError("live threads grew from " + threadsBefore + " to " + threadsAfter);
        }
        long total = jobs.values().stream().mapToLong(AtomicLong::get).sum();
        return total + " jobs in " + seconds + " s after warm-up by " + threads + " threads, 0 wrong, 0 unexpected; heap after GC "
                + mb(heapBefore) + " -> " + mb(heapAfter) + "; memory bombs overshot their limit by " + mb(bombOvershoot.get())
                + " at most; threads " + threadsBefore + " -> " + threadsAfter + "; " + new java.util.TreeMap<>(jobs);
    }

    private void runFor(int threads, Duration duration, long seed) throws Exception {
        long deadline = System.nanoTime() + duration.toNanos();
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            SplittableRandom random = new SplittableRandom(seed * 1000 + t);
            int thread = t;
            workers.add(executor.submit(() -> {
                long n = 0;
                String previous = "none";
                while (System.nanoTime() < deadline) {
                    previous = job(random, thread + ":" + n++ + " (after " + previous + ")");
                }
            }));
        }
        executor.shutdown();
        for (int sample = 1; !executor.awaitTermination(15, TimeUnit.SECONDS) && System.nanoTime() < deadline; sample++) {
            System.out.println("HEAP " + sample + " " + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()
                    + " open contexts " + openContexts());
        }
        if (!executor.awaitTermination(duration.toSeconds() + 120, TimeUnit.SECONDS)) {
            StringBuilder dump = new StringBuilder();
            Thread.getAllStackTraces().forEach((thread, stack) -> {
                dump.append('"').append(thread.getName()).append("\" ").append(thread.getState()).append('\n');
                for (StackTraceElement frame : stack) {
                    dump.append("    at ").append(frame).append('\n');
                }
            });
            System.out.println(dump);
            executor.shutdownNow();
            throw new AssertionError("the soak's threads did not finish within two minutes of the deadline: a hang (threads above)");
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
    }

    /** Runs one random job; returns its kind. */
    private String job(SplittableRandom random, String id) {
        int roll = ONLY >= 0 ? ONLY : random.nextInt(100);
        String kind;
        try {
            if (roll < 5) {
                kind = hostile(random, id);
            } else if (roll < 30) {
                kind = pooled(random, id);
            } else if (roll < 45) {
                kind = "unique script";
                long a = random.nextLong(1_000_000);
                check(kind, id, vm.compile("(" + a + " + 1) /* " + id + " */").runInNewContext(Map.of(), BOUNDED), a + 1);
            } else if (roll < 60) {
                kind = hookReturningFreshModule(random, id);
            } else if (roll < 70) {
                kind = "shared-code compile";
                Script script = vm.compile("globalThis.x = 20; x + 22", ScriptOptions.builder().filename("shared.js")
                        .importModuleDynamically(random.nextBoolean() ? sharedHook : (s, r, a) -> null).build());
                check(kind, id, script.runInNewContext(Map.of(), BOUNDED), 42);
            } else if (roll < 78) {
                kind = "source text module";
                sourceTextModule(random, id);
            } else if (roll < 85) {
                kind = "main-context function";
                int a = random.nextInt(1000);
                JsFunction function = vm.compileFunction("return a + " + (a % 13) + ";", List.of("a"), FunctionOptions.defaults());
                check(kind, id, function.call(a), a + a % 13);
            } else if (roll < 92) {
                kind = "lexical globals across tenants";
                lexicalGlobals(random, id);
            } else {
                kind = "churned context";
                churned(random, id);
            }
        } catch (RuntimeException | AssertionError unexpected) {
            kind = "failed";
            failures.add(id + ": " + unexpected);
        }
        jobs.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        return kind;
    }

    private String pooled(SplittableRandom random, String id) {
        VmContext context = take();
        try {
            long input = random.nextLong(1_000_000_000L);
            context.setGlobal("input", input);
            if (random.nextBoolean()) {
                check("pooled cached script", id, cached.runInContext(context, BOUNDED), input * 2 + 2);
                return "pooled cached script";
            }
            promises.runInContext(context, BOUNDED);
            check("pooled promises", id, context.global("sum"), 20100);
            return "pooled promises";
        } finally {
            pool.add(context);
        }
    }

    /*
     * A module stays in its context's module map until the context closes (as in any ES module map),
     * so long-lived contexts import from a bounded set of modules, built on first use by the hook;
     * churned contexts get a fresh module every time.
     */
    private String hookReturningFreshModule(SplittableRandom random, String id) {
        boolean pooled = random.nextBoolean();
        VmContext context = pooled ? take() : vm.createContext();
        try {
            String specifier = "m" + random.nextInt(20);
            String expected = pooled ? "module " + specifier + " of " + context : "module for job " + id.substring(0, id.indexOf(' '));
            boolean sourceText = random.nextBoolean();
            ImportModuleDynamically hook = (requested, referrer, attributes) -> pooled
                    ? pooledModules.computeIfAbsent(context + " " + requested, key -> freshModule(context, expected, sourceText))
                    : freshModule(context, expected, sourceText);
            vm.compile("globalThis.imported = 'pending'; import('" + specifier + "').then((ns) => { imported = ns.value; }, "
                    + "(e) => { imported = 'rejected: ' + e.message; })",
                    ScriptOptions.builder().filename("importer.js").importModuleDynamically(hook).build()).runInContext(context, BOUNDED);
            check("hook returning a module", id, context.global("imported"), expected);
            return pooled ? "hook returning a pooled context's module" : "hook returning a fresh module";
        } finally {
            if (pooled) {
                pool.add(context);
            } else {
                context.close();
            }
        }
    }

    private io.github.jsvm.Module freshModule(VmContext context, String value, boolean sourceText) {
        return sourceText
                ? vm.sourceTextModule("export const value = '" + value + "';", ModuleOptions.in(context))
                : vm.syntheticModule(List.of("value"), m -> m.setExport("value", value), ModuleOptions.in(context));
    }

    private void sourceTextModule(SplittableRandom random, String id) {
        try (VmContext context = vm.createContext()) {
            int value = random.nextInt(1000);
            SourceTextModule dependency = vm.sourceTextModule("export const base = " + value + ";", ModuleOptions.in(context));
            SourceTextModule main = vm.sourceTextModule("import { base } from 'dep'; export const result = base * 3;",
                    ModuleOptions.in(context));
            main.link((specifier, referrer, attributes) -> dependency);
            main.evaluate(BOUNDED);
            check("source text module", id, main.namespace().get("result"), value * 3);
        }
    }

    private void lexicalGlobals(SplittableRandom random, String id) {
        String name = "tenant_" + random.nextInt(50);
        // Any of the sharing layers the two language-level context options make: each shares code of its own.
        ContextOptions layer = ContextOptions.builder().codeGenerationFromStrings(random.nextBoolean())
                .failOnUnhandledRejection(random.nextBoolean()).build();
        try (VmContext declaring = vm.createContext(Map.of(), layer); VmContext lacking = vm.createContext(Map.of(), layer)) {
            vm.compile("const " + name + " = 7;").runInContext(declaring, BOUNDED);
            Script reader = vm.compile("typeof " + name + " === 'undefined' ? 'absent' : " + name);
            List<VmContext> order = random.nextBoolean() ? List.of(lacking, declaring) : List.of(declaring, lacking);
            for (VmContext context : order) {
                check("lexical globals", id + " " + name, reader.runInContext(context, BOUNDED), context == declaring ? 7 : "absent");
            }
        }
    }

    private void churned(SplittableRandom random, String id) {
        VmContext context = vm.createContext(Map.of("n", random.nextInt(1000)),
                ContextOptions.builder().importModuleDynamically((s, r, a) -> vm.syntheticModule(List.of("v"), m -> m.setExport("v", 5),
                        ModuleOptions.in((VmContext) r))).build());
        Object doubled = vm.compile("eval('n * 2')").runInContext(context, BOUNDED);
        check("churned context", id, doubled, ((Number) context.global("n")).intValue() * 2);
        if (random.nextBoolean()) {
            context.close(); // the other half is dropped unclosed, for the cleaner
        }
    }

    private String hostile(SplittableRandom random, String id) {
        int which = random.nextInt(5);
        VmContext context = vm.createContext();
        try {
            // Every hostile run is bounded in time and in allocation, as a multi-tenant host would bound it.
            RunOptions quick = RunOptions.builder().timeout(Duration.ofMillis(50)).allocationLimit(4L << 20).build();
            RunOptions bomb = RunOptions.builder().timeout(Duration.ofSeconds(20)).allocationLimit(4L << 20).build();
            switch (which) {
                case 0 -> expect(ScriptTimeoutException.class, id, () -> vm.compile("for (;;) {}").runInContext(context, quick));
                case 1 -> {
                    long before = ALLOCATIONS.getCurrentThreadAllocatedBytes();
                    expect(ResourceExhaustedException.class, id, () -> vm.compile("let a = []; for (;;) a.push(new Array(1e4).fill(1));")
                            .runInContext(context, bomb));
                    bombOvershoot.accumulateAndGet(ALLOCATIONS.getCurrentThreadAllocatedBytes() - before - bomb.allocationLimit(), Math::max);
                }
                case 2 -> expect(JsException.class, id, () -> vm.compile("(function f() { return f() + 1; })()").runInContext(context, BOUNDED));
                case 3 -> expect(JsException.class, id, () -> vm.compile("throw new TypeError('hostile ' + 'x'.repeat(1000))").runInContext(context, BOUNDED));
                default -> expect(io.github.jsvm.VmException.class, id, () -> vm.compile(
                        "Promise.resolve().then(function again() { return Promise.resolve().then(again); })").runInContext(context, quick));
            }
            // The context stays usable after every limit.
            check("hostile", id, vm.compile("1 + 1").runInContext(context, BOUNDED), 2);
        } finally {
            context.close();
        }
        return "hostile " + which;
    }

    private void expect(Class<? extends RuntimeException> type, String id, Supplier<Object> job) {
        Object result;
        try {
            result = job.get();
        } catch (RuntimeException e) {
            boolean limit = e instanceof ScriptTimeoutException || e instanceof ResourceExhaustedException;
            if (!type.isInstance(e) || type == io.github.jsvm.VmException.class && !limit) {
                failures.add(id + ": expected " + type.getSimpleName() + ", got " + e);
            }
            return;
        }
        failures.add(id + ": expected " + type.getSimpleName() + ", got the result " + result);
    }

    private void check(String kind, String id, Object actual, Object expected) {
        boolean equal = actual instanceof Number a && expected instanceof Number e ? a.longValue() == e.longValue() : Objects.equals(actual, expected);
        if (!equal) {
            failures.add(id + " (" + kind + "): expected " + expected + ", got " + actual);
        }
    }

    private VmContext take() {
        try {
            return pool.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /*
     * What is strongly retained: soft references cleared (the Vm keeps recently used
     * hook-bearing code softly, within a bound, by design), then a pause for the Vm's janitor to purge what the collection left
     * in Truffle's tables, then a full collection.
     */
    private static long usedAfterGc() throws InterruptedException {
        LEAKS.collectGarbage();
        Thread.sleep(1500);
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private int openContexts() {
        return vm instanceof GraalJsVm graal ? graal.openContextCount() : -1;
    }

    private static String mb(long bytes) {
        return String.format("%.1f MB", bytes / 1048576.0);
    }
}
