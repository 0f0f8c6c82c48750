package io.github.jsvm.benchmarks;

import io.github.jsvm.RuntimeInfo;
import io.github.jsvm.Script;
import io.github.jsvm.Vm;
import io.github.jsvm.VmContext;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The one command behind {@code benchmarks/run}: runs every JMH row for jsvm and raw GraalJS, Node's
 * rows ({@code node} on the PATH; skipped with a message otherwise), the memory rows, and writes
 * {@code RESULTS.md} and {@code results.svg}: medians of the measurement iterations and ratios.
 *
 * <p>Arguments: {@code [--full] [--smoke] [--out <directory>]}. The default is short (one fork,
 * six warm-up iterations of two seconds, four measured of one second: creating contexts needs about
 * ten seconds of warm-up before it reaches its steady state); {@code --full} uses two forks and
 * eight warm-up and eight measured iterations of two seconds; {@code --smoke} only proves every
 * benchmark runs.
 */
public final class RunBenchmarks {
    /** A row: what it measures, and which JMH methods and Node row measure it. */
    record Row(String name, String description, String jsvm, String raw, String node) {}

    /**
     * Methods the smoke run leaves out (a regular expression): two of the three libraries, whose first
     * compile in a fresh fork takes seconds; marked's rows prove the library rows run.
     */
    static final String SMOKE_SKIPS = "(lodash|acorn)\\w*";

    /** Suffix of Node results measured without {@code --experimental-vm-modules}, where import hooks do not run. */
    static final String HOOKS_NOT_RUNNING = "@hooks-not-running";

    static final List<Row> ROWS = List.of(
            new Row("compile-identical-10k", "compile identical 10 KB source again (cache hit)",
                    "compileIdentical10k_jsvm", "compileIdentical10k_raw", "compile-identical-10k"),
            new Row("compile-identical-10k-hook", "same, with one import hook object shared by every compile",
                    "compileIdentical10kHook_jsvm", null, "compile-identical-10k-hook"),
            new Row("compile-identical-10k-new-hook", "same, with a new hook object each time (test-runner pattern; raw: a unique source)",
                    "compileIdentical10kNewHook_jsvm", "compileUnique10k_raw", "compile-identical-10k-new-hook"),
            new Row("test-file-new-hook", "new context + compile the 10 KB source with a new hook + run + close (test-runner pattern)",
                    "testFileNewHook_jsvm", "testFileNewHook_raw", "test-file-new-hook"),
            new Row("compile-unique-10k", "compile a unique 10 KB source", "compileUnique10k_jsvm", "compileUnique10k_raw",
                    "compile-unique-10k"),
            new Row("compile-unique-1m", "compile a unique 1 MB source", "compileUnique1m_jsvm", "compileUnique1m_raw",
                    "compile-unique-1m"),
            new Row("create-context", "create a context (and close it)", "createContext_jsvm", "createContext_raw", "create-context"),
            new Row("create-run-close", "create a context, run a tiny script, close", "createRunClose_jsvm", "createRunClose_raw",
                    "create-run-close"),
            new Row("tiny-in-existing-context", "run a tiny script in an existing context", "tinyInExistingContext_jsvm",
                    "tinyInExistingContext_raw", "tiny-in-existing-context"),
            new Row("run-in-new-context", "runInNewContext with a tiny script", "runInNewContext_jsvm", null, "run-in-new-context"),
            new Row("fib27-in-context", "fib(27) in a context, warm", "fib27InContext_jsvm", "fib27InContext_raw", "fib27-in-context"),
            new Row("fib27-statement-limit", "same, with a statement budget it never reaches (every statement counted; raw and Node: no budget)",
                    "fib27InContextStatementLimit_jsvm", "fib27InContext_raw", "fib27-in-context"),
            new Row("fib27-allocation-limit", "same, with an allocation limit and a timeout it never reaches (raw and Node: none)",
                    "fib27InContextAllocationLimit_jsvm", "fib27InContext_raw", "fib27-in-context"),
            new Row("dynamic-import-round-trip", "import() through a hook returning a cached module", "dynamicImportRoundTrip_jsvm",
                    null, "dynamic-import-round-trip"),
            new Row("compile-identical-10k-crowded", "cache hit with 10,000 other scripts cached",
                    "compileIdentical10kCrowded_jsvm", null, null),
            new Row("dynamic-import-crowded", "import() round trip with 10,000 other hooks registered",
                    "dynamicImportRoundTripCrowded_jsvm", null, null),
            new Row("source-text-module-link-evaluate", "SourceTextModule create + link + evaluate",
                    "sourceTextModuleLinkEvaluate_jsvm", null, "source-text-module-link-evaluate"),
            new Row("source-text-module-new-context", "new context + SourceTextModule of the 10 KB source (the same text each time: "
                    + "test-runner pattern) + link + evaluate + close", "sourceTextModuleInNewContext_jsvm", null,
                    "source-text-module-new-context"),
            libraryRow("lodash", "lodash.js (540 KB): map + filter + sortBy of 1,000 objects", false),
            libraryRow("lodash", "lodash.js", true),
            libraryRow("marked", "marked.min.js (50 KB): render a 1 KB markdown document", false),
            libraryRow("marked", "marked.min.js", true),
            libraryRow("acorn", "acorn.js (230 KB): parse 2 KB of JavaScript", false),
            libraryRow("acorn", "acorn.js", true));

    /** A row of {@link LibraryBenchmarks}: one simulated test file using {@code library}. */
    private static Row libraryRow(String library, String what, boolean newHook) {
        return newHook
                ? new Row(library + "-test-file-new-hook", "same, with a new hook per test file for both compiles",
                        library + "TestFileNewHook_jsvm", null, library + "-test-file-new-hook")
                : new Row(library + "-test-file", "test file using " + what
                        + ": new context + compile (cache hit) + run the library + workload + close",
                        library + "TestFile_jsvm", library + "TestFile_raw", library + "-test-file");
    }

    private RunBenchmarks() {}

    public static void main(String[] args) throws Exception {
        boolean full = List.of(args).contains("--full");
        boolean smoke = List.of(args).contains("--smoke");
        if (List.of(args).contains("--first-use")) {
            System.out.println(FirstUse.report(3, jitFlags()));
            return;
        }
        Path out = Path.of(argument(args, "--out", "benchmarks"));
        Map<String, Double> jmh = runJmh(full, smoke);
        String warmUp = WarmUpRows.run(full, smoke, jitFlags());
        if (smoke) {
            System.out.println(warmUp);
            System.out.println("Smoke run: all " + jmh.size() + " benchmarks and the warm-up rows ran.");
            return;
        }
        Map<String, Double> node = new LinkedHashMap<>();
        String nodeNote = runNode(full, node);
        Map<String, String> memory = memoryRows();
        String report = report(jmh, node, nodeNote, memory, full) + warmUp;
        Files.createDirectories(out);
        Files.writeString(out.resolve("RESULTS.md"), report + startUpSection(out.resolve("RESULTS.md")));
        Files.writeString(out.resolve("results.svg"), chart(jmh, node));
        System.out.println(report);
        System.out.println("Wrote " + out.resolve("RESULTS.md") + " and " + out.resolve("results.svg"));
    }

    /**
     * The "Start-up" section of the existing report, kept as it is: {@code benchmarks/startup}
     * measures it (wall clock of whole processes), not this run.
     */
    private static String startUpSection(Path results) throws IOException {
        String existing = Files.exists(results) ? Files.readString(results) : "";
        int start = existing.indexOf("\n## Start-up");
        return start < 0 ? "" : existing.substring(start);
    }

    private static String argument(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    /** Runs every benchmark; returns the median of the measured iterations (us/op) per method name. */
    static Map<String, Double> runJmh(boolean full, boolean smoke) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(JsvmBenchmarks.class.getName() + "\\.")
                .include(LibraryBenchmarks.class.getName() + "\\.")
                .jvmArgsAppend(jitFlags().toArray(String[]::new))
                .shouldFailOnError(true);
        if (smoke) {
            options.exclude(LibraryBenchmarks.class.getName() + "\\." + SMOKE_SKIPS);
            options.forks(1).warmupIterations(0).measurementIterations(1).measurementTime(TimeValue.milliseconds(200));
        } else if (full) {
            options.forks(2).warmupIterations(8).warmupTime(TimeValue.seconds(2)).measurementIterations(8)
                    .measurementTime(TimeValue.seconds(2));
        } else {
            options.forks(1).warmupIterations(6).warmupTime(TimeValue.seconds(2)).measurementIterations(4)
                    .measurementTime(TimeValue.seconds(1));
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<String, Double> medians = new LinkedHashMap<>();
        for (RunResult result : results) {
            String method = result.getParams().getBenchmark().replaceAll(".*\\.", "");
            List<Double> scores = new ArrayList<>();
            result.getBenchmarkResults().forEach(benchmark -> {
                for (IterationResult iteration : benchmark.getIterationResults()) {
                    scores.add(iteration.getPrimaryResult().getScore());
                }
            });
            medians.put(method, median(scores));
        }
        return medians;
    }

    /** The JVM flags this JVM was started with that turn the Graal JIT on, for JMH's forks. */
    static List<String> jitFlags() {
        List<String> flags = new ArrayList<>();
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (flag.startsWith("-XX:+UnlockExperimentalVMOptions") || flag.startsWith("-XX:+EnableJVMCI")
                    || flag.startsWith("--upgrade-module-path") || flag.startsWith("--enable-native-access")
                    || flag.startsWith("--sun-misc-unsafe-memory-access")) {
                flags.add(flag);
            }
        }
        return flags;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** Runs Node's side; fills {@code rows}; returns a note for the report. */
    private static String runNode(boolean full, Map<String, Double> rows) throws IOException, InterruptedException {
        Path script = Path.of("benchmarks", "node", "vm-bench.js");
        if (!Files.exists(script)) {
            script = Path.of("node", "vm-bench.js");
        }
        String version;
        try {
            version = output(List.of("node", "--version")).trim();
        } catch (IOException missing) {
            String note = "Node was not found on the PATH: the Node column is empty.";
            System.out.println(note);
            return note;
        }
        Pattern line = Pattern.compile("\\{\"row\":\"([^\"]+)\",\"us\":([0-9.eE+-]+)}");
        Path libraries = Files.createTempDirectory("jsvm-bench-libraries");
        LibraryBenchmarks.writeLibraries(libraries);
        for (String group : List.of("scripts", "hooks", "modules", "libraries", "hooks" + HOOKS_NOT_RUNNING)) {
            boolean hooksRun = !group.endsWith(HOOKS_NOT_RUNNING);
            List<String> command = new ArrayList<>(List.of("node"));
            if (hooksRun) {
                command.addAll(List.of("--no-warnings", "--experimental-vm-modules"));
            }
            command.addAll(List.of(script.toString(), "--group", group.replace(HOOKS_NOT_RUNNING, ""), "--libs", libraries.toString()));
            if (full) {
                command.add("--full");
            }
            Matcher matcher = line.matcher(output(command));
            while (matcher.find()) {
                rows.put(matcher.group(1) + (hooksRun ? "" : HOOKS_NOT_RUNNING), Double.parseDouble(matcher.group(2)));
            }
        }
        return "Node " + version + " (`node:vm` with `--experimental-vm-modules`, the configuration in which import hooks run; "
                + "the rows with a hook also without the flag, where Node ignores the hook), same machine, same run.";
    }

    private static String output(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException(command + " failed: " + text);
        }
        return text;
    }

    /** Retained heap per idle context and per cached script, measured in this JVM. */
    private static Map<String, String> memoryRows() {
        Map<String, String> rows = new LinkedHashMap<>();
        try (Vm vm = Vm.create()) {
            vm.createContext().close();
            long before = usedAfterGc();
            List<VmContext> contexts = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                contexts.add(vm.createContext());
            }
            long after = usedAfterGc();
            rows.put("retained heap per idle context", kb((after - before) / 200.0));
            contexts.forEach(VmContext::close);
            contexts.clear();
            String code = JsvmBenchmarks.source(10);
            before = usedAfterGc();
            List<Script> scripts = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                scripts.add(vm.compile("//" + i + "\n" + code));
            }
            after = usedAfterGc();
            rows.put("retained heap per cached 10 KB script (with its parsed code)", kb((after - before) / 50.0));
            scripts.clear();
        }
        return rows;
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String kb(double bytes) {
        return String.format(Locale.ROOT, "%.0f KB", bytes / 1024);
    }

    static String report(Map<String, Double> jmh, Map<String, Double> node, String nodeNote, Map<String, String> memory, boolean full) {
        StringBuilder md = new StringBuilder("# Benchmark results\n\n");
        RuntimeInfo info;
        try (Vm vm = Vm.create()) {
            info = vm.runtimeInfo();
        }
        md.append("Generated by `benchmarks/run").append(full ? " --full" : "").append("` on ").append(LocalDate.now())
                .append(". ").append(info).append("; JDK ").append(System.getProperty("java.version")).append("; ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores (").append(cpuModel()).append("). ")
                .append(nodeNote).append("\n\nMedians of the measured iterations, microseconds per operation "
                        + "(lower is better). Ratios below 1 mean jsvm is faster. The machine is shared and noisy: "
                        + "compare ratios, not absolute numbers.\n\n");
        md.append("| row | jsvm | raw GraalJS | Node vm | jsvm / raw | jsvm / Node | Node vm, hooks not running |\n"
                + "|---|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : ROWS) {
            Double ours = jmh.get(row.jsvm());
            Double raw = row.raw() == null ? null : jmh.get(row.raw());
            Double nodeValue = row.node() == null ? null : node.get(row.node());
            md.append("| ").append(row.description()).append(" | ").append(number(ours)).append(" | ").append(number(raw))
                    .append(" | ").append(number(nodeValue)).append(" | ").append(ratio(ours, raw)).append(" | ")
                    .append(ratio(ours, nodeValue)).append(" | ")
                    .append(row.node() == null || !node.containsKey(row.node() + HOOKS_NOT_RUNNING) ? "-"
                            : number(node.get(row.node() + HOOKS_NOT_RUNNING))).append(" |\n");
        }
        md.append("\n| memory | jsvm |\n|---|---:|\n");
        memory.forEach((name, value) -> md.append("| ").append(name).append(" | ").append(value).append(" |\n"));
        md.append("\n![jsvm time relative to raw GraalJS and to Node](results.svg)\n");
        return md.toString();
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException unreadable) {
            // fall through
        }
        return System.getProperty("os.arch");
    }

    private static String number(Double value) {
        if (value == null) {
            return "n/a";
        }
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String ratio(Double ours, Double other) {
        return ours == null || other == null ? "n/a" : String.format(Locale.ROOT, "%.2f", ours / other);
    }

    /** A bar chart of jsvm/raw and jsvm/Node ratios per row, on a log scale around 1. */
    static String chart(Map<String, Double> jmh, Map<String, Double> node) {
        int rowHeight = 26;
        int width = 760;
        int left = 300;
        int height = 60 + rowHeight * ROWS.size();
        double span = Math.log10(1000);
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n"
                        + "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n"
                        + "<text x=\"10\" y=\"18\" font-size=\"14\">jsvm time / other (log scale; left of the line = jsvm faster)</text>%n"
                        + "<text x=\"%d\" y=\"36\" fill=\"#1f77b4\">vs raw GraalJS</text><text x=\"%d\" y=\"36\" fill=\"#d62728\">vs Node vm</text>%n",
                width, height, left, left + 140));
        int axis = left + (width - left - 20) / 2;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"44\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", axis, axis, height - 6));
        for (int i = 0; i < ROWS.size(); i++) {
            Row row = ROWS.get(i);
            int y = 50 + i * rowHeight;
            svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\">%s</text>%n", y + 14, row.name()));
            Double ours = jmh.get(row.jsvm());
            bar(svg, ours, row.raw() == null ? null : jmh.get(row.raw()), axis, y + 2, (width - left - 20) / 2, span, "#1f77b4");
            bar(svg, ours, row.node() == null ? null : node.get(row.node()), axis, y + 12, (width - left - 20) / 2, span, "#d62728");
        }
        return svg.append("</svg>\n").toString();
    }

    private static void bar(StringBuilder svg, Double ours, Double other, int axis, int y, int half, double span, String colour) {
        if (ours == null || other == null) {
            return;
        }
        double log = Math.max(-span, Math.min(span, Math.log10(ours / other)));
        int length = (int) Math.round(Math.abs(log) / span * half);
        int x = log < 0 ? axis - length : axis;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"9\" fill=\"%s\"/>%n",
                x, y, Math.max(1, length), colour));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"9\">%.2f</text>%n",
                log < 0 ? x - 28 : x + length + 3, y + 8, ours / other));
    }
}
