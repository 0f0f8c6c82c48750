package io.github.jsvm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsvmRunTest {
    @TempDir
    Path dir;

    private record Outcome(int exitCode, String out, String err) {}

    private Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = JsvmRun.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String script(String name, String code) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, code);
        return file.toString();
    }

    @Test
    void printsConsoleOutputAndTheCompletionValue() throws IOException {
        Outcome outcome = run(script("ok.js", "console.log('hi'); ({ a: [1, 'x'], b: null })"));
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out()).isEqualTo("hi\n{ a: [ 1, 'x' ], b: null }\n");
        assertThat(outcome.err()).isEmpty();
    }

    @Test
    void uncaughtErrorsPrintANodeStyleReportAndExitOne() throws IOException {
        String file = script("bad.js", "let x = 1;\nnull.f();\n");
        Outcome outcome = run(file);
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).startsWith(file + ":2\nnull.f();\n").contains("TypeError: ").contains("at " + file + ":2:");
    }

    @Test
    void syntaxErrorsExitOne() throws IOException {
        Outcome outcome = run(script("syntax.js", "var x y;"));
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).contains("syntax.js:1\nvar x y;\n      ^\nSyntaxError: ");
    }

    @Test
    void timeoutsStopTheScriptAndExitOne() throws IOException {
        Outcome outcome = run("--timeout", "300", script("loop.js", "while (true) {}"));
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).isEqualTo("Error: Script execution timed out after 300ms\n");
    }

    @Test
    void evalCanBeForbidden() throws IOException {
        Outcome outcome = run("--no-eval", script("eval.js", "eval('1')"));
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).contains("EvalError");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run().exitCode()).isEqualTo(2);
        assertThat(run("--timeout", "soon", "x.js").err()).contains("--timeout must be a whole number of milliseconds, got 'soon'");
        assertThat(run("--timeout", "0", "x.js").err()).contains("--timeout must be positive");
        assertThat(run("--colour", "x.js").err()).contains("unknown option --colour");
        Outcome missing = run(dir.resolve("missing.js").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("cannot read");
    }

    @Test
    void versionReportsTheJit() {
        Outcome outcome = run("--version");
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out()).startsWith("GraalJS ").contains("JIT on");
    }
}
