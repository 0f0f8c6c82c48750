package io.github.jsvm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Starts the runner in a child JVM without the JIT flags: the library must say what is missing, once. */
class InterpreterWarningTest {

    @Test
    void aJvmWithoutTheCompilerGetsOneClearWarning() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), JsvmRun.class.getName(), "--version"))
                .redirectErrorStream(false)
                .start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).isZero();
        assertThat(out).contains("(Interpreted, JIT off)");
        assertThat(err).containsOnlyOnce("interpreter-only")
                .contains("-XX:+EnableJVMCI")
                .contains("--upgrade-module-path")
                .contains("org.graalvm.compiler:compiler");
    }
}
