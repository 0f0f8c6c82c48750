package io.github.jsvm.benchmarks;

import io.github.jsvm.Script;
import io.github.jsvm.Vm;
import io.github.jsvm.VmContext;
import io.github.jsvm.VmOptions;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The warm-up rows: what the first operations of a fresh JVM cost, run by {@link RunBenchmarks} as a
 * new {@code java} process each time (the JIT has compiled nothing yet, of jsvm or of GraalJS).
 *
 * <p>Arguments: {@code contexts|compiles [--count N] [--warm-up]}. {@code contexts}: create a
 * context, run a tiny script in it, close it, {@code N} times (1,000 by default). {@code compiles}:
 * compile {@code N} distinct small sources. {@code --idle-ms M} waits {@code M} ms after
 * {@code Vm.create} before the first one (the application's own start-up). {@code --warm-up} creates the {@code Vm} with
 * {@link VmOptions.Builder#warmUp(boolean)} on. Prints one JSON line: {@code create_ms}, the wall
 * time of {@code Vm.create}; {@code ms}, the wall time of the {@code N} operations;
 * {@code thread_cpu_ms}, the CPU time of the thread doing them; {@code cpu_ms}, the process's CPU
 * time (all threads: JIT compilers, GC, the warm-up) from just before {@code Vm.create} to the end.
 */
public final class ColdStart {
    private ColdStart() {}

    public static void main(String[] args) {
        String what = args.length > 0 ? args[0] : "contexts";
        int count = 1000;
        boolean warmUp = false;
        long idleMillis = 0;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--count") && i + 1 < args.length) {
                count = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--idle-ms") && i + 1 < args.length) {
                idleMillis = Long.parseLong(args[++i]);
            } else if (args[i].equals("--warm-up")) {
                warmUp = true;
            }
        }
        long cpuStart = cpuNanos();
        long start = System.nanoTime();
        try (Vm vm = Vm.create(VmOptions.builder().warmUp(warmUp).build())) {
            long created = System.nanoTime();
            sleep(idleMillis);
            long started = System.nanoTime();
            long threadCpuStart = threadCpuNanos();
            long check = switch (what) {
                case "contexts" -> contexts(vm, count);
                case "compiles" -> compiles(vm, count);
                default -> throw new IllegalArgumentException("contexts or compiles, not " + what);
            };
            long end = System.nanoTime();
            long threadCpu = threadCpuNanos() - threadCpuStart;
            if (check != expected(what, count)) {
                throw new IllegalStateException("wrong result " + check);
            }
            System.out.println(String.format(Locale.ROOT,
                    "{\"row\":\"%s\",\"create_ms\":%.1f,\"ms\":%.1f,\"thread_cpu_ms\":%.1f,\"cpu_ms\":%.1f}",
                    what, (created - start) / 1e6, (end - started) / 1e6, threadCpu / 1e6, (cpuNanos() - cpuStart) / 1e6));
        }
    }

    private static long expected(String what, int count) {
        return what.equals("contexts") ? 2L * count : count;
    }

    /** Create, run {@code 1 + 1}, close, {@code count} times; the sum of the results. */
    static long contexts(Vm vm, int count) {
        Script tiny = vm.compile(JsvmBenchmarks.TINY);
        long sum = 0;
        long tenth = threadCpuNanos();
        StringBuilder tenths = new StringBuilder();
        for (int i = 0; i < count; i++) {
            try (VmContext context = vm.createContext()) {
                sum += ((Number) tiny.runInContext(context)).longValue();
            }
            if (Boolean.getBoolean("coldstart.tenths") && (i + 1) % Math.max(1, count / 10) == 0) {
                long now = threadCpuNanos();
                tenths.append(String.format(Locale.ROOT, " %.0f", (now - tenth) / 1e6));
                tenth = now;
            }
        }
        if (!tenths.isEmpty()) {
            System.err.println("thread CPU ms per tenth:" + tenths);
        }
        return sum;
    }

    /** Compiles {@code count} distinct small sources (each new to the cache); returns how many. */
    static long compiles(Vm vm, int count) {
        long compiled = 0;
        for (int i = 0; i < count; i++) {
            vm.compile(source(i));
            compiled++;
        }
        return compiled;
    }

    /** A small source unique to {@code i}; benchmarks/node/cold-start.js builds the same text. */
    static String source(int i) {
        return "var x" + i + " = " + i + ";\nfunction f" + i + "(a, b) { return a * " + i + " + b; }\nf" + i + "(x" + i + ", 1);\n";
    }

    /** The application's own start-up between {@code Vm.create} and its first context or compile. */
    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static long threadCpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static long cpuNanos() {
        return ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime();
    }
}
