package io.github.jsvm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsvmRunTest {
    @TempDir
    Path dir;

    private Outcome run(String... args) {
        return Outcome.of("", args);
    }

    private Outcome runWithInput(String input, String... args) {
        return Outcome.of(input, args);
    }

    @Test
    void printedNumbersAreWrittenAsJavaScriptWritesThem() {
        Outcome outcome = run("-p", "[2 ** 64, 1e300, 1e21, 1e20, 0.5e-6, 0.000001, 123456789.5, -0, -1.5e-10, 42, NaN, -Infinity]");
        assertThat(outcome.out()).isEqualTo("[ 18446744073709552000, 1e+300, 1e+21, 100000000000000000000, 5e-7, 0.000001, 123456789.5, "
                + "-0, -1.5e-10, 42, NaN, -Infinity ]\n");
    }

    @Test
    void evalRunsCodeWithoutPrintingItsValueAndPrintPrintsIt() {
        Outcome eval = run("-e", "console.log('side effect'); 6 * 7");
        assertThat(eval.exitCode()).isZero();
        assertThat(eval.out()).isEqualTo("side effect\n");
        Outcome print = run("--print", "({ answer: 6 * 7 })");
        assertThat(print.exitCode()).isZero();
        assertThat(print.out()).isEqualTo("{ answer: 42 }\n");
        Outcome failing = run("-p", "null.x");
        assertThat(failing.exitCode()).isEqualTo(1);
        assertThat(failing.err()).startsWith("[eval]:1\nnull.x\n^\n\nTypeError: ");
    }

    @Test
    void aDashReadsTheProgramFromStandardInput() {
        Outcome outcome = runWithInput("const a = 20;\na + 22", "-");
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out()).isEqualTo("42\n");
        Outcome failing = runWithInput("throw new Error('from stdin')", "-");
        assertThat(failing.err()).startsWith("[stdin]:1\n");
    }

    @Test
    void aScriptFileThatIsNotUtf8RunsWithReplacementCharactersAsAModuleFileDoes() throws IOException {
        byte[] latin1 = "'caf\u00e9'.length + ' ' + ('caf\u00e9'.at(-1) === '\\ufffd')".getBytes(StandardCharsets.ISO_8859_1);
        Path script = Files.write(dir.resolve("latin1.js"), latin1);
        Outcome outcome = run(script.toString());
        assertThat(outcome.err()).isEmpty();
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out()).isEqualTo("4 true\n");
    }

    @Test
    void aDirectoryGivenAsTheProgramIsNamedAsOne() {
        Outcome outcome = run(dir.toString());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).isEqualTo("jsvm-run: cannot read " + dir + ": it is a directory\n");
    }

    @Test
    void doubleDashEndsOptionsSoAFileMayStartWithADash() throws IOException {
        Path file = dir.resolve("-starts-with-dash.js");
        Files.writeString(file, "'ran'");
        Outcome outcome = run("--timeout", "5000", "--", file.toString());
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out()).isEqualTo("ran\n");
    }

    @Test
    void oneProgramOnlyAndCodeIsRequiredAfterEval() throws IOException {
        Outcome two = run("-e", "1", script("x.js", "2"));
        assertThat(two.exitCode()).isEqualTo(2);
        assertThat(two.err()).contains("only one program can be run");
        Outcome missing = run("-p");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("-p needs the code to run");
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
        Outcome outcome = run("--timeout=300ms", script("loop.js", "while (true) {}"));
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).isEqualTo("Error: Script execution timed out after 300ms (--timeout)\n");
    }

    @Test
    void evalCanBeForbidden() throws IOException {
        Outcome outcome = run("--no-eval", script("eval.js", "eval('1')"));
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).contains("EvalError");
    }

    @Test
    void withoutAProgramAndWithoutATerminalTheProgramComesFromStandardInput() {
        Outcome outcome = runWithInput("console.log('piped'); 6 * 7", "--no-eval");
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out()).isEqualTo("piped\n42\n");
        assertThat(run().exitCode()).isZero();
    }

    @Test
    void anUnhandledRejectionIsReportedWithItsStackAndExitsOne() throws IOException {
        String file = script("rejects.js", "async function load() {\n  throw new TypeError('no data');\n}\nload();\n'done'");
        Outcome outcome = run(file);
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.out()).isEmpty();
        assertThat(outcome.err()).startsWith(file + ":2\n  throw new TypeError('no data');\n")
                .contains("TypeError: no data\n    at load (" + file + ":2:");
        Outcome notAnError = run("-e", "Promise.reject(42)");
        assertThat(notAnError.exitCode()).isEqualTo(1);
        assertThat(notAnError.err()).contains("Unhandled promise rejection: 42");
    }

    @Test
    void aRejectionHandledWithinTheRunIsNotReported() {
        Outcome outcome = run("-p", "const p = Promise.reject(new Error('x')); Promise.resolve().then(() => p.catch(() => {})); 'fine'");
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.err()).isEmpty();
        assertThat(outcome.out()).isEqualTo("fine\n");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run("--timeout", "soon", "x.js").err()).contains("--timeout must be a duration such as 500ms, 2s or 1m"
                + " (a bare number is milliseconds), got 'soon'");
        assertThat(run("--timeout", "0", "x.js").err()).contains("--timeout must be positive");
        assertThat(run("--no-eval=yes", "x.js").err()).contains("--no-eval takes no value, got 'yes'");
        assertThat(run("--module", "-e", "1").err()).contains("--module applies to a file");
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
