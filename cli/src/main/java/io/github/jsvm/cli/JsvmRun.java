package io.github.jsvm.cli;

import io.github.jsvm.ContextOptions;
import io.github.jsvm.ImportModuleDynamically;
import io.github.jsvm.InvalidArgumentException;
import io.github.jsvm.RunOptions;
import io.github.jsvm.RuntimeInfo;
import io.github.jsvm.Script;
import io.github.jsvm.ScriptOptions;
import io.github.jsvm.Vm;
import io.github.jsvm.VmContext;
import io.github.jsvm.VmException;
import io.github.jsvm.VmOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs one JavaScript program (a script or module file, code given with {@code -e}/{@code -p}, or
 * standard input) in a fresh sandboxed context and prints a script's completion value (not for
 * {@code -e}, as Node), or runs a REPL.
 *
 * <p>Exit codes: 0 on success, 1 when the program fails (syntax error, uncaught exception, unhandled
 * promise rejection, exceeded limit), 2 for usage errors (bad options, unreadable file), 13 when a
 * module's top-level {@code await} never settles (Node's code). Console output of the program goes
 * to standard output; errors go to standard error in Node's layout.
 */
public final class JsvmRun {
    static final int OK = 0;
    static final int SCRIPT_FAILED = 1;
    static final int USAGE = 2;
    static final int UNSETTLED_TOP_LEVEL_AWAIT = 13;

    private JsvmRun() {}

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err, StandardInput.isTerminal()));
    }

    /** Runs with standard input that is not a terminal. */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        return run(args, in, out, err, false);
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, boolean inputIsTerminal) {
        RunnerArguments arguments;
        try {
            arguments = RunnerArguments.parse(List.of(args));
        } catch (IllegalArgumentException | InvalidArgumentException e) {
            // The option builders refuse values the command line's own parsing let through (a timeout of 300 years).
            return usageError(err, e.getMessage());
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
        if (program instanceof RunnerArguments.Program.File file && !Files.isRegularFile(file.path())) {
            err.println("jsvm-run: cannot read " + program.name() + ": "
                    + (Files.isDirectory(file.path()) ? "it is a directory" : Files.exists(file.path()) ? "not a regular file" : "no such file"));
            return USAGE;
        }
        boolean repl = program == null && inputIsTerminal;
        if (program == null) {
            program = new RunnerArguments.Program.StandardInput(); // as Node: `node < file.js` runs the file
        }
        Path root;
        try {
            root = ModuleRoot.of(arguments.moduleRoot(), program);
        } catch (IllegalArgumentException e) {
            return usageError(err, e.getMessage());
        }
        ContextOptions.Builder contextBuilder = ContextOptions.builder()
                .name(repl ? "REPL" : program.name())
                .codeGenerationFromStrings(arguments.allowEval())
                .consoleOutput(out)
                .moduleRoot(root)
                .importModuleDynamically(ImportModuleDynamically.DEFAULT_LOADER)
                .failOnUnhandledRejection(true);
        if (arguments.maxStackDepth() > 0) {
            contextBuilder.maxStackDepth(arguments.maxStackDepth());
        }
        ContextOptions contextOptions = contextBuilder.build();
        VmOptions vmOptions = arguments.inspector() == null ? VmOptions.defaults()
                : VmOptions.builder().inspector(arguments.inspector()).build();
        try (Vm vm = Vm.create(vmOptions); VmContext context = vm.createContext(Map.of(), contextOptions)) {
            if (repl) {
                InteractiveRepl.run(new ReplSession(vm, context, arguments.limits(), out, err));
                return OK;
            }
            if (arguments.runsAsModule()) {
                Path file = ((RunnerArguments.Program.File) program).path().toAbsolutePath().normalize();
                if (!ModuleEntry.run(vm, context, root, file, arguments.limits())) {
                    out.flush();
                    err.println("Warning: Detected unsettled top-level await in " + file);
                    return UNSETTLED_TOP_LEVEL_AWAIT;
                }
            } else {
                String code;
                try {
                    code = read(program, in);
                } catch (IOException | RuntimeException e) {
                    err.println("jsvm-run: cannot read " + program.name() + ": " + e.getMessage());
                    return USAGE;
                }
                runScript(vm, context, code, program, arguments.limits(), out);
            }
            out.flush();
            return OK;
        } catch (VmException e) {
            out.flush();
            err.println(ErrorReport.of(e));
            return SCRIPT_FAILED;
        }
    }

    private static int usageError(PrintStream err, String problem) {
        err.println("jsvm-run: " + problem);
        err.println(RunnerArguments.USAGE);
        return USAGE;
    }

    private static String read(RunnerArguments.Program program, InputStream in) throws IOException {
        return switch (program) {
            // Bytes that are not UTF-8 become U+FFFD, as Node reads a script and the engine a module file.
            case RunnerArguments.Program.File file -> new String(Files.readAllBytes(file.path()), StandardCharsets.UTF_8);
            case RunnerArguments.Program.Inline inline -> inline.code();
            case RunnerArguments.Program.StandardInput stdin -> new String(in.readAllBytes(), StandardCharsets.UTF_8);
        };
    }

    private static void runScript(Vm vm, VmContext context, String code, RunnerArguments.Program program, RunOptions limits,
            PrintStream out) {
        Script script = vm.compile(code, ScriptOptions.builder().filename(program.name())
                .importModuleDynamically(ImportModuleDynamically.DEFAULT_LOADER).build());
        Object result = script.runInContext(context, limits);
        if (result != null && program.printsResult()) {
            out.println(ValueFormatter.format(result));
        }
    }
}
