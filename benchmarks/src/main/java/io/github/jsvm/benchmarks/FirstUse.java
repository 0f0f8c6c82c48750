package io.github.jsvm.benchmarks;

import io.github.jsvm.Script;
import io.github.jsvm.ScriptCacheOptions;
import io.github.jsvm.Vm;
import io.github.jsvm.VmContext;
import io.github.jsvm.VmOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code VmOptions.lazyFunctionTranslation} does to the first use of new code: compiling a
 * source no cache knows, running its top level in a fresh context, then its first real work (calling
 * every function of a generated source once, or a library's workload). Run by
 * {@code benchmarks/run --first-use}, which starts a new {@code java} process per setting and
 * repetition (alternating the settings) and prints a Markdown table of medians.
 *
 * <p>In a child process ({@code child true|false}): one {@code Vm} per workload, with the compile
 * cache off, each iteration compiling a new text (a comment makes it unique) into a new context; the
 * first third of the iterations warms the JVM up and is not counted. Prints one line per workload:
 * {@code name compile-ms top-level-ms work-ms}, medians.
 */
public final class FirstUse {
    private FirstUse() {}

    private record Workload(String name, String code, String work, int iterations) {}

    private static List<Workload> workloads() {
        List<Workload> workloads = new ArrayList<>();
        String callAll = "var s = 0; for (var i = 0; globalThis['f' + i]; i++) s += globalThis['f' + i](i, 1); s;";
        workloads.add(new Workload("generated 10 KB (every function called once)", JsvmBenchmarks.source(10), callAll, 60));
        workloads.add(new Workload("generated 1 MB (every function called once)", JsvmBenchmarks.source(1024), callAll, 9));
        for (LibraryBenchmarks.Library library : LibraryBenchmarks.LIBRARIES) {
            workloads.add(new Workload(library.name() + " (its workload)", library.code(), library.workload(), 24));
        }
        return workloads;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("child")) {
            child(Boolean.parseBoolean(args[1]));
        } else {
            System.out.println(report(3, java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()));
        }
    }

    private static void child(boolean lazy) {
        for (Workload workload : workloads()) {
            try (Vm vm = Vm.create(VmOptions.builder().lazyFunctionTranslation(lazy).scriptCache(ScriptCacheOptions.disabled()).build())) {
                List<Double> compile = new ArrayList<>();
                List<Double> top = new ArrayList<>();
                List<Double> work = new ArrayList<>();
                for (int i = 0; i < workload.iterations(); i++) {
                    long start = System.nanoTime();
                    Script code = vm.compile("/* " + i + " */" + workload.code());
                    long compiled = System.nanoTime();
                    Script work1 = vm.compile(workload.work());
                    try (VmContext context = vm.createContext()) {
                        long ran = System.nanoTime();
                        code.runInContext(context);
                        long topDone = System.nanoTime();
                        work1.runInContext(context);
                        long workDone = System.nanoTime();
                        if (i >= workload.iterations() / 3) {
                            compile.add((compiled - start) / 1e6);
                            top.add((topDone - ran) / 1e6);
                            work.add((workDone - topDone) / 1e6);
                        }
                    }
                }
                System.out.printf(Locale.ROOT, "%s\t%.2f\t%.2f\t%.2f%n", workload.name(), RunBenchmarks.median(compile),
                        RunBenchmarks.median(top), RunBenchmarks.median(work));
            }
        }
    }

    /** Runs a child per setting with {@code jvmFlags}, {@code repetitions} times alternating; the table of medians. */
    static String report(int repetitions, List<String> jvmFlags) throws IOException, InterruptedException {
        // workload -> setting -> [compile, top, work] lists
        Map<String, Map<Boolean, List<List<Double>>>> results = new LinkedHashMap<>();
        for (int r = 0; r < repetitions; r++) {
            for (boolean lazy : new boolean[] {true, false}) {
                List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
                command.addAll(jvmFlags);
                command.addAll(List.of("-cp", System.getProperty("java.class.path"), FirstUse.class.getName(), "child",
                        Boolean.toString(lazy)));
                Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (process.waitFor() != 0) {
                    throw new IllegalStateException("FirstUse child failed: " + output);
                }
                for (String line : output.split("\n")) {
                    String[] fields = line.split("\t");
                    if (fields.length != 4) {
                        continue;
                    }
                    List<List<Double>> columns = results.computeIfAbsent(fields[0], k -> new LinkedHashMap<>())
                            .computeIfAbsent(lazy, k -> List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
                    for (int c = 0; c < 3; c++) {
                        columns.get(c).add(Double.parseDouble(fields[c + 1]));
                    }
                }
            }
        }
        StringBuilder table = new StringBuilder("| new code, first use (ms, medians) | lazy: compile | top level | work | sum "
                + "| eager: compile | top level | work | sum |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        results.forEach((workload, bySetting) -> {
            table.append("| ").append(workload);
            for (boolean lazy : new boolean[] {true, false}) {
                double sum = 0;
                for (List<Double> column : bySetting.get(lazy)) {
                    double value = RunBenchmarks.median(column);
                    sum += value;
                    table.append(String.format(Locale.ROOT, " | %.1f", value));
                }
                table.append(String.format(Locale.ROOT, " | %.1f", sum));
            }
            table.append(" |\n");
        });
        return table.toString();
    }
}
