package io.github.jsvm.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The "Warm-up" section of RESULTS.md: the first 1,000 contexts and the first 1,000 compiles of a
 * fresh process, each scenario a new {@code java} process running {@link ColdStart} (and a new
 * {@code node} process running {@code benchmarks/node/cold-start.js}), with and without
 * {@code VmOptions.warmUp}.
 */
final class WarmUpRows {
    /** The application's own start-up between {@code Vm.create} and its first context, in the idle scenarios. */
    static final int IDLE_MS = 3000;

    /** A scenario: what ColdStart does ({@code contexts} or {@code compiles}) and its extra arguments. */
    record Scenario(String description, String what, List<String> arguments) {}

    static final List<Scenario> SCENARIOS = List.of(
            new Scenario("first contexts (create + run `1 + 1` + close), right after `Vm.create`", "contexts", List.of()),
            new Scenario("same, `warmUp(true)`", "contexts", List.of("--warm-up")),
            new Scenario("same, " + IDLE_MS / 1000 + " s after `Vm.create` (application start-up in between)", "contexts",
                    List.of("--idle-ms", Integer.toString(IDLE_MS))),
            new Scenario("same, " + IDLE_MS / 1000 + " s after `Vm.create`, `warmUp(true)`", "contexts",
                    List.of("--idle-ms", Integer.toString(IDLE_MS), "--warm-up")),
            new Scenario("first compiles of distinct small sources, right after `Vm.create`", "compiles", List.of()),
            new Scenario("same, " + IDLE_MS / 1000 + " s after `Vm.create`", "compiles",
                    List.of("--idle-ms", Integer.toString(IDLE_MS))),
            new Scenario("same, " + IDLE_MS / 1000 + " s after `Vm.create`, `warmUp(true)`", "compiles",
                    List.of("--idle-ms", Integer.toString(IDLE_MS), "--warm-up")));

    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":([0-9.eE+-]+)");

    private WarmUpRows() {}

    /** Runs every scenario (smoke: two of them, 20 operations, once, no Node) and returns the section. */
    static String run(boolean full, boolean smoke, List<String> jvmFlags) throws IOException, InterruptedException {
        int count = smoke ? 20 : 1000;
        int repetitions = full ? 3 : 1;
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "%n## Warm-up%n%n"
                + "The first %,d operations of a fresh process (a new `java` running `ColdStart`, a new `node` running "
                + "`benchmarks/node/cold-start.js`, %s): wall milliseconds for all of them; the CPU time of the thread "
                + "doing them; the CPU time of the whole process (JIT compiler threads, GC, the warm-up) from `Vm.create` "
                + "on. `warmUp(true)` is `VmOptions.builder().warmUp(true)`: 500 throwaway contexts and 100 compiles on a "
                + "background thread from `Vm.create` on.%n%n"
                + "| first %,d in a fresh process | `Vm.create` ms | jsvm ms | jsvm thread CPU ms | jsvm process CPU ms "
                + "| Node ms | Node CPU ms | jsvm / Node |%n|---|---:|---:|---:|---:|---:|---:|---:|%n",
                count, repetitions == 1 ? "once each" : "median of " + repetitions + " each",
                count));
        Map<String, Map<String, Double>> node = new LinkedHashMap<>();
        for (Scenario scenario : smoke ? List.of(SCENARIOS.get(1), SCENARIOS.get(4)) : SCENARIOS) {
            Map<String, Double> jsvm = median(repetitions, () -> javaCommand(jvmFlags, scenario, count));
            if (!smoke && !node.containsKey(scenario.what())) {
                node.put(scenario.what(), nodeRow(scenario.what(), count, repetitions));
            }
            Map<String, Double> peer = node.getOrDefault(scenario.what(), Map.of());
            md.append("| ").append(scenario.description()).append(" | ").append(ms(jsvm.get("create_ms"))).append(" | ")
                    .append(ms(jsvm.get("ms"))).append(" | ").append(ms(jsvm.get("thread_cpu_ms"))).append(" | ")
                    .append(ms(jsvm.get("cpu_ms"))).append(" | ").append(ms(peer.get("ms"))).append(" | ")
                    .append(ms(peer.get("cpu_ms"))).append(" | ").append(ratio(jsvm.get("ms"), peer.get("ms"))).append(" |\n");
        }
        return md.toString();
    }

    private static Map<String, Double> nodeRow(String what, int count, int repetitions)
            throws IOException, InterruptedException {
        Path script = Path.of("benchmarks", "node", "cold-start.js");
        if (!Files.exists(script)) {
            script = Path.of("node", "cold-start.js");
        }
        List<String> command = List.of("node", "--no-warnings", "--experimental-vm-modules", script.toString(), what,
                "--count", Integer.toString(count));
        try {
            return median(repetitions, () -> command);
        } catch (IOException noNode) {
            return Map.of();
        }
    }

    private interface Command {
        List<String> get();
    }

    private static List<String> javaCommand(List<String> jvmFlags, Scenario scenario, int count) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmFlags);
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ColdStart.class.getName(), scenario.what(),
                "--count", Integer.toString(count)));
        command.addAll(scenario.arguments());
        return command;
    }

    /** Runs {@code command} {@code repetitions} times; the median of each number of its JSON line. */
    private static Map<String, Double> median(int repetitions, Command command) throws IOException, InterruptedException {
        Map<String, List<Double>> values = new LinkedHashMap<>();
        for (int i = 0; i < repetitions; i++) {
            Process process = new ProcessBuilder(command.get()).redirectErrorStream(true).start();
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IOException(command.get() + " failed: " + text);
            }
            Matcher matcher = FIELD.matcher(text.substring(Math.max(0, text.lastIndexOf("{\"row\""))));
            while (matcher.find()) {
                values.computeIfAbsent(matcher.group(1), key -> new ArrayList<>()).add(Double.parseDouble(matcher.group(2)));
            }
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        values.forEach((key, list) -> medians.put(key, RunBenchmarks.median(list)));
        return medians;
    }

    private static String ms(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String ratio(Double ours, Double other) {
        return ours == null || other == null || other == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", ours / other);
    }
}
