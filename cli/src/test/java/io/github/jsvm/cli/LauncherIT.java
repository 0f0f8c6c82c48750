package io.github.jsvm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged launcher, target/jsvm-run, as a user does: it must use its AOT cache when that
 * is current and fall back silently, with the same output, when the cache is stale, corrupt or gone.
 */
class LauncherIT {
    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path LAUNCHER = TARGET.resolve("jsvm-run");
    private static final Path CACHE = TARGET.resolve("jsvm-run.aot");
    private static final String HELLO = Path.of("../examples/hello.js").toAbsolutePath().normalize().toString();
    private static final String HELLO_OUTPUT = "Hello, sandbox!\n{ answer: 42, primes: [ 3, 5, 7 ] }\n";

    @TempDir
    Path dir;

    private record Outcome(int exitCode, String out, String err) {}

    private static Outcome run(Path launcher, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the launcher did not finish within 3 minutes");
        }
        return new Outcome(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** A copy of the launcher reading its cache from {@code cache} and passing {@code jvmFlag} to the JVM. */
    private Path launcherWith(Path cache, String jvmFlag) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line : Files.readAllLines(LAUNCHER)) {
            if (line.startsWith("aot=")) {
                line = "aot='" + cache + "'";
            } else if (line.startsWith("exec ")) {
                line = line.replace(" \"$@\"", " '" + jvmFlag + "' \"$@\"");
            }
            text.append(line).append('\n');
        }
        Path copy = Files.createTempFile(dir, "jsvm-run", "");
        Files.writeString(copy, text);
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwx------"));
        return copy;
    }

    @Test
    void runsAScriptWithNothingButItsOutput() throws IOException, InterruptedException {
        Outcome outcome = run(LAUNCHER, HELLO);
        assertThat(outcome.err()).isEmpty();
        assertThat(outcome.out()).isEqualTo(HELLO_OUTPUT);
        assertThat(outcome.exitCode()).isZero();
    }

    @Test
    void takesTheRunnersClassesFromTheCacheWhenItIsCurrent() throws IOException, InterruptedException {
        assumeTrue(Files.exists(CACHE), "this JDK could not link the runtime image, so there is no cache");
        Path classLog = dir.resolve("classes.log");
        Outcome outcome = run(launcherWith(CACHE, "-Xlog:class+load=info:file=" + classLog), HELLO);
        assertThat(outcome.out()).isEqualTo(HELLO_OUTPUT);
        assertThat(Files.readString(classLog)).contains("io.github.jsvm.cli.JsvmRun source: shared objects file");
    }

    @Test
    void ignoresACacheOlderThanTheJarsAndRunsTheSame() throws IOException, InterruptedException {
        assumeTrue(Files.exists(CACHE), "this JDK could not link the runtime image, so there is no cache");
        Path stale = dir.resolve("stale.aot");
        Files.copy(CACHE, stale);
        Files.setLastModifiedTime(stale, FileTime.from(Instant.parse("2000-01-01T00:00:00Z")));
        Path classLog = dir.resolve("classes.log");
        Outcome outcome = run(launcherWith(stale, "-Xlog:class+load=info:file=" + classLog), HELLO);
        assertThat(outcome.err()).isEmpty();
        assertThat(outcome.out()).isEqualTo(HELLO_OUTPUT);
        assertThat(Files.readString(classLog)).contains("io.github.jsvm.cli.JsvmRun source: file:")
                .doesNotContain("io.github.jsvm.cli.JsvmRun source: shared objects file");
    }

    @Test
    void fallsBackSilentlyWhenTheCacheIsCorruptOrMissing() throws IOException, InterruptedException {
        Path corrupt = dir.resolve("corrupt.aot");
        Files.write(corrupt, new byte[1 << 16]);
        for (Path cache : List.of(corrupt, dir.resolve("missing.aot"))) {
            Outcome outcome = run(launcherWith(cache, "-Dunused=1"), HELLO);
            assertThat(outcome.err()).as(cache.toString()).isEmpty();
            assertThat(outcome.out()).as(cache.toString()).isEqualTo(HELLO_OUTPUT);
            assertThat(outcome.exitCode()).isZero();
        }
    }
}
