package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one {@link MemoryScenarios} scenario in a fresh JVM with a given heap cap. */
final class ForkedJvm {
    /* Per scenario; the soak gets its own duration on top. */
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    /** The exit code recorded for a JVM killed after its timeout. */
    static final int TIMED_OUT = -1;

    private ForkedJvm() {}

    /** What a scenario printed and how it ended. */
    record Outcome(String scenario, String registry, String heap, int exitCode, List<String> output) {
        boolean succeeded() {
            return exitCode == 0;
        }

        /** The {@code HEAP} series: samples created and heap bytes used after a full collection. */
        List<long[]> heapSeries() {
            // Only the series lines: a failed heap analysis (Shark) prints "HEAP ANALYSIS FAILED" too.
            return output.stream().filter(line -> line.matches("HEAP \\d+ \\d+"))
                    .map(line -> Arrays.stream(line.substring(5).trim().split(" ")).mapToLong(Long::parseLong).toArray())
                    .toList();
        }

        String result() {
            return output.stream().filter(line -> line.startsWith("RESULT ")).findFirst()
                    .orElse("RESULT (none: the JVM ended with exit code " + exitCode + ")");
        }

        @Override
        public String toString() {
            return scenario + " with the " + registry + " registry under -Xmx" + heap + ": exit " + exitCode + ", " + result()
                    + (succeeded() ? "" : "\n" + String.join("\n", output.subList(Math.max(0, output.size() - 40), output.size())));
        }
    }

    /** Runs {@code scenario} with the library's registry, prints its result line, and asserts that it succeeded. */
    static Outcome runSucceeding(String scenario, String heap) throws IOException, InterruptedException {
        Outcome outcome = run(scenario, "default", heap);
        System.out.println(scenario + ": " + outcome.result());
        assertThat(outcome.succeeded()).as("%s", outcome).isTrue();
        return outcome;
    }

    static Outcome run(String scenario, String registry, String heap) throws IOException, InterruptedException {
        Path outputDirectory = Path.of(System.getProperty("jsvm.fork.outputDirectory", "target/memory"));
        Files.createDirectories(outputDirectory);
        Path log = outputDirectory.resolve(scenario + "-" + registry + ".log");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        for (String argument : System.getProperty("jsvm.fork.jvmArgs", "").split("\\s+")) {
            if (!argument.isBlank()) {
                command.add(argument);
            }
        }
        // The parallel collector gives up with an OutOfMemoryError when collections stop freeing memory
        // (GC overhead limit), so a leaking run fails fast instead of thrashing near its cap.
        Path gcLog = outputDirectory.resolve(scenario + "-" + registry + "-gc.log");
        command.addAll(List.of("-Xmx" + heap, "-XX:+UseParallelGC",
                // Beside the log: what the collector did, for a run that ends near its cap.
                "-Xlog:gc:file=" + gcLog,
                "-Djsvm.leaktest.timeFactor=" + System.getProperty("jsvm.leaktest.timeFactor", "1"),
                "-D" + SoakTest.SECONDS + "=" + Long.getLong(SoakTest.SECONDS, 150),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                MemoryScenarios.class.getName(), scenario, registry));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Duration timeout = scenario.equals("soak") ? TIMEOUT.plusSeconds(Long.getLong(SoakTest.SECONDS, 150)) : TIMEOUT;
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            // A leaking JVM near its cap can hang instead of throwing OutOfMemoryError (threads of the
            // engine failing): an outcome that did not succeed, reported as such, never a pass.
            process.destroyForcibly().waitFor();
            List<String> output = new ArrayList<>(Files.readAllLines(log));
            output.add("RESULT TIMED OUT after " + timeout + " (killed); log: " + log);
            return new Outcome(scenario, registry, heap, TIMED_OUT, output);
        }
        List<String> output = Files.readAllLines(log);
        if (process.exitValue() != 0 && Files.exists(gcLog)) {
            // What the last full collections kept: whether the heap was full of live data, and how fast it got so.
            List<String> fullCollections = Files.readAllLines(gcLog).stream().filter(line -> line.contains("Pause Full")).toList();
            output = new ArrayList<>(output);
            output.addAll(fullCollections.subList(Math.max(0, fullCollections.size() - 12), fullCollections.size()));
        }
        return new Outcome(scenario, registry, heap, process.exitValue(), output);
    }
}
