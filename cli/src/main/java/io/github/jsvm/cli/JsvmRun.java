package io.github.jsvm.cli;

import io.github.jsvm.ContextOptions;
import io.github.jsvm.JsException;
import io.github.jsvm.RunOptions;
import io.github.jsvm.RuntimeInfo;
import io.github.jsvm.Script;
import io.github.jsvm.ScriptOptions;
import io.github.jsvm.ScriptSyntaxException;
import io.github.jsvm.Vm;
import io.github.jsvm.VmContext;
import io.github.jsvm.VmException;
import io.github.jsvm.VmOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/**
 * Runs one JavaScript program (a file, code given with {@code -e}/{@code -p}, or standard input) in
 * a fresh sandboxed context and prints its completion value (not for {@code -e}, as Node).
 *
 * <p>Exit codes: 0 on success, 1 when the script fails (syntax error, uncaught exception, timeout),
 * 2 for usage errors (bad options, unreadable file). Console output of the script goes to standard
 * output; errors go to standard error in Node's layout.
 */
public final class JsvmRun {
    static final int OK = 0;
    static final int SCRIPT_FAILED = 1;
    static final int USAGE = 2;

    private JsvmRun() {}

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        RunnerArguments arguments;
        try {
            arguments = RunnerArguments.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            err.println("jsvm-run: " + e.getMessage());
            err.println(RunnerArguments.USAGE);
            return USAGE;
        }
        if (arguments.help()) {
            out.println(RunnerArguments.USAGE);
            return OK;
        }
        if (arguments.version()) {
            try (Vm vm = Vm.create()) {
                RuntimeInfo info = vm.runtimeInfo();
                out.println("GraalJS " + info.version() + " (" + info.implementationName() + ", JIT "
                        + (info.optimizing() ? "on" : "off") + ")");
            }
            return OK;
        }
        RunnerArguments.Program program = arguments.program();
        String code;
        try {
            code = switch (program) {
                case RunnerArguments.Program.File file -> Files.readString(file.path(), StandardCharsets.UTF_8);
                case RunnerArguments.Program.Inline inline -> inline.code();
                case RunnerArguments.Program.StandardInput stdin -> new String(in.readAllBytes(), StandardCharsets.UTF_8);
            };
        } catch (IOException | RuntimeException e) {
            err.println("jsvm-run: cannot read " + program.name() + ": " + e.getMessage());
            return USAGE;
        }
        String filename = program.name();
        ContextOptions contextOptions = ContextOptions.builder()
                .name(filename)
                .codeGenerationFromStrings(arguments.allowEval())
                .consoleOutput(out)
                .build();
        RunOptions runOptions = arguments.timeout() == null ? RunOptions.defaults() : RunOptions.withTimeout(arguments.timeout());
        try (Vm vm = Vm.create(VmOptions.defaults().withInspector(arguments.inspector()))) {
            Script script = vm.compile(code, ScriptOptions.builder().filename(filename).build());
            try (VmContext context = vm.createContext(java.util.Map.of(), contextOptions)) {
                Object result = script.runInContext(context, runOptions);
                if (result != null && program.printsResult()) {
                    out.println(ValueFormatter.format(result));
                }
            }
            out.flush();
            return OK;
        } catch (ScriptSyntaxException e) {
            err.println(e.getMessage());
        } catch (JsException e) {
            err.println(e.jsStack()); // headed by the throwing line and a caret, as Node prints it
        } catch (VmException e) {
            err.println("Error: " + e.getMessage());
        }
        out.flush();
        return SCRIPT_FAILED;
    }
}
