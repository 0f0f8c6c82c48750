package io.github.jsvm.cli;

import io.github.jsvm.InspectorOptions;
import io.github.jsvm.InvalidArgumentException;
import io.github.jsvm.RunOptions;
import java.nio.file.Path;
import java.util.List;

/**
 * The parsed command line of {@link JsvmRun}; {@link #parse} rejects anything it does not know with
 * an {@link IllegalArgumentException} naming the problem.
 *
 * @param program what to run; {@code null} when none was given (a REPL on a terminal, else standard input)
 * @param limits the limits of each run (one per REPL entry)
 * @param moduleRoot the directory modules may be read from; {@code null} for the default
 * @param module whether a file runs as an ES module even without the {@code .mjs} extension
 * @param inspector the debugger to open the program to, or {@code null}
 * @param maxStackDepth the deepest JavaScript calls may nest, or 0 for the engine's own limit
 */
record RunnerArguments(Program program, RunOptions limits, boolean allowEval, Path moduleRoot, boolean module, boolean help,
        boolean version, InspectorOptions inspector, int maxStackDepth) {
    private static final List<String> LOOPBACK = List.of("127.0.0.1", "localhost");
    private static final int DEFAULT_INSPECT_PORT = 9229;
    static final String USAGE = """
            Usage: jsvm-run [options] [<file> | -e <code> | -p <code> | -]
              Runs the program in a fresh sandboxed context. For a script file or standard input the
              completion value is printed; -p prints it, -e does not (as Node). With no program, a REPL
              starts when standard input is a terminal; otherwise the program is read from it.
              -e, --eval <code>          run <code>
              -p, --print <code>         run <code> and print its completion value
              -                          read the program from standard input
              --                         end of options: the next argument is the file
              --module                   run the file as an ES module (files ending in .mjs always are)
              --module-root <dir>        modules are read, read-only, from <dir> and below; default: the
                                         file's directory (the current directory for -e, -p, - and the REPL).
                                         a module's imports resolve ./ and ../ against its file, a script's
                                         import() against the root; .json files are JSON modules
                                         (import ... with { type: 'json' })
              --timeout <duration>       stop the program after this wall-clock time
              --cpu-limit <duration>     stop the program after this much CPU time
              --allocation-limit <size>  stop the program once it has allocated this many bytes
              --statement-limit <count>  stop the program before it executes more JavaScript statements
              --console-limit <size>     drop console output past this many bytes (one marker line says so)
              --max-stack-depth <count>  calls nested deeper throw RangeError: Maximum call stack size
                                         exceeded, which the program can catch (as a real stack overflow)
                                         durations: 500ms, 2s, 1m (a bare number is milliseconds);
                                         sizes: 512k, 64m, 1g (a bare number is bytes). In the REPL each
                                         limit applies to each entry.
              --no-eval                  forbid eval() and new Function() in the program
              --inspect[=[127.0.0.1:]port]
                                         let Chrome DevTools debug the program: prints the devtools://
                                         URL to open (port 9229 by default, loopback address only)
              --inspect-brk[=[127.0.0.1:]port]
                                         the same, waiting for the debugger and stopping before the
                                         first statement
              --version                  print the engine version and whether the JIT is on
              --help                     print this help
            An unhandled promise rejection ends the program with its error, as in Node.
            REPL: state persists between entries, an unfinished statement continues on the next line,
              .exit or Ctrl-D ends it, Ctrl-C drops the entry being typed.
            Exit codes: 0 success, 1 script error, unhandled rejection or exceeded limit, 2 usage error,
              13 a module's top-level await never settled (as Node).""";

    /** Where the program comes from. */
    sealed interface Program {
        /** The name shown in stack traces and errors. */
        String name();

        /** Whether the completion value is printed. */
        boolean printsResult();

        /** A script or module file. */
        record File(Path path) implements Program {
            @Override
            public String name() {
                return path.toString();
            }

            @Override
            public boolean printsResult() {
                return true;
            }
        }

        /** Code given on the command line, named as Node names it. */
        record Inline(String code, boolean printsResult) implements Program {
            @Override
            public String name() {
                return "[eval]";
            }
        }

        /** The program read from standard input. */
        record StandardInput() implements Program {
            @Override
            public String name() {
                return "[stdin]";
            }

            @Override
            public boolean printsResult() {
                return true;
            }
        }
    }

    /** Whether the program is a file that runs as an ES module. */
    boolean runsAsModule() {
        return program instanceof Program.File file && (module || file.path().toString().endsWith(".mjs"));
    }

    static RunnerArguments parse(List<String> args) {
        Program program = null;
        RunOptions.Builder limits = RunOptions.builder();
        boolean allowEval = true;
        boolean module = false;
        Path moduleRoot = null;
        InspectorOptions inspector = null;
        int maxStackDepth = 0;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            int equals = arg.indexOf('=');
            String name = arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
            String attached = name.equals(arg) ? null : arg.substring(equals + 1);
            switch (name) {
                case "--help", "-h" -> {
                    return new RunnerArguments(null, RunOptions.defaults(), true, null, false, true, false, null, 0);
                }
                case "--version" -> {
                    return new RunnerArguments(null, RunOptions.defaults(), true, null, false, false, true, null, 0);
                }
                case "--no-eval" -> allowEval = !withoutValue(name, attached);
                case "--module" -> module = withoutValue(name, attached);
                case "--module-root" -> moduleRoot = Path.of(attached != null ? attached : value(args, ++i, "--module-root needs a directory"));
                case "--timeout" -> limits.timeout(UnitValues.duration(name, attached != null ? attached : value(args, ++i, "--timeout needs a duration")));
                case "--cpu-limit" -> limits.cpuTimeLimit(UnitValues.duration(name, attached != null ? attached : value(args, ++i, "--cpu-limit needs a duration")));
                case "--allocation-limit" -> limits.allocationLimit(UnitValues.bytes(name, attached != null ? attached : value(args, ++i, "--allocation-limit needs a size")));
                case "--statement-limit" -> limits.statementLimit(UnitValues.count(name, attached != null ? attached : value(args, ++i, "--statement-limit needs a count")));
                case "--console-limit" -> limits.consoleOutputLimit(UnitValues.bytes(name, attached != null ? attached : value(args, ++i, "--console-limit needs a size")));
                case "--max-stack-depth" -> maxStackDepth = stackDepth(name, attached != null ? attached : value(args, ++i, "--max-stack-depth needs a count"));
                case "-e", "--eval", "-p", "--print" -> program = only(program,
                        new Program.Inline(value(args, ++i, arg + " needs the code to run"), arg.startsWith("-p") || arg.equals("--print")));
                case "-" -> program = only(program, new Program.StandardInput());
                case "--inspect", "--inspect-brk" -> inspector = parseInspector(name, attached);
                case "--" -> {
                    if (i + 1 < args.size()) {
                        program = only(program, new Program.File(Path.of(args.get(++i))));
                    }
                    if (i + 1 < args.size()) {
                        throw new IllegalArgumentException("only one program can be run; after the file came " + args.get(i + 1));
                    }
                }
                default -> {
                    if (arg.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option " + arg);
                    }
                    program = only(program, new Program.File(Path.of(arg)));
                }
            }
        }
        if (module && !(program instanceof Program.File)) {
            throw new IllegalArgumentException("--module applies to a file; -e, -p, - and the REPL run scripts");
        }
        return new RunnerArguments(program, limits.build(), allowEval, moduleRoot, module, false, false, inspector, maxStackDepth);
    }

    /**
     * {@code --inspect} or {@code --inspect-brk}, optionally {@code =port} or {@code =host:port} as
     * Node; GraalVM's inspector listens on the loopback address only, so that is the only host.
     */
    private static InspectorOptions parseInspector(String option, String address) {
        String given = address == null ? "" : address;
        int colon = given.lastIndexOf(':');
        String host = colon < 0 ? LOOPBACK.getFirst() : given.substring(0, colon);
        String port = colon < 0 ? given : given.substring(colon + 1);
        if (!LOOPBACK.contains(host)) {
            throw new IllegalArgumentException(option + " listens on 127.0.0.1 only, got host '" + host + "'");
        }
        int number;
        try {
            number = port.isEmpty() ? DEFAULT_INSPECT_PORT : Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes [host:]port, got '" + given + "'");
        }
        try {
            return new InspectorOptions(number, option.equals("--inspect-brk"));
        } catch (InvalidArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
    }

    private static int stackDepth(String flag, String value) {
        long depth = UnitValues.count(flag, value);
        if (depth > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(flag + " is too large: '" + value + "'");
        }
        return (int) depth;
    }

    /** Checks that a switch was given without {@code =value}; returns {@code true} (the switch is on). */
    private static boolean withoutValue(String name, String attached) {
        if (attached != null) {
            throw new IllegalArgumentException(name + " takes no value, got '" + attached + "'");
        }
        return true;
    }

    private static String value(List<String> args, int index, String missing) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(missing);
        }
        return args.get(index);
    }

    private static Program only(Program earlier, Program next) {
        if (earlier != null) {
            throw new IllegalArgumentException("only one program can be run, got " + earlier.name() + " and " + next.name());
        }
        return next;
    }
}
