package io.github.jsvm.cli;

import io.github.jsvm.InspectorOptions;
import io.github.jsvm.InvalidArgumentException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The parsed command line of {@link JsvmRun}; {@link #parse} rejects anything it does not know. */
record RunnerArguments(Program program, Duration timeout, boolean allowEval, boolean help, boolean version,
        InspectorOptions inspector) {
    private static final List<String> LOOPBACK = List.of("127.0.0.1", "localhost");
    private static final int DEFAULT_INSPECT_PORT = 9229;
    static final String USAGE = """
            Usage: jsvm-run [options] <file.js> | -e <code> | -p <code> | -
              Runs the program in a fresh sandboxed context. For a file or standard input the
              completion value is printed; -p prints it, -e does not (as Node).
              -e, --eval <code>   run <code>
              -p, --print <code>  run <code> and print its completion value
              -                   read the program from standard input
              --                  end of options: the next argument is the file
              --timeout <ms>      stop the program after <ms> milliseconds (exit code 1)
              --no-eval           forbid eval() and new Function() in the program
              --inspect[=[127.0.0.1:]port]
                                  let Chrome DevTools debug the program: prints the devtools://
                                  URL to open (port 9229 by default, loopback address only)
              --inspect-brk[=[127.0.0.1:]port]
                                  the same, waiting for the debugger and stopping before the
                                  first statement
              --version           print the engine version and whether the JIT is on
              --help              print this help
            Exit codes: 0 success, 1 script error or timeout, 2 usage error.""";

    /** Where the program comes from. */
    sealed interface Program {
        /** The name shown in stack traces and errors. */
        String name();

        /** Whether the completion value is printed. */
        boolean printsResult();

        /** A script file. */
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

    static RunnerArguments parse(List<String> args) {
        Program program = null;
        Duration timeout = null;
        boolean allowEval = true;
        InspectorOptions inspector = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--help", "-h" -> {
                    return new RunnerArguments(null, null, true, true, false, null);
                }
                case "--version" -> {
                    return new RunnerArguments(null, null, true, false, true, null);
                }
                case "--no-eval" -> allowEval = false;
                case "--timeout" -> timeout = parseTimeout(value(args, ++i, "--timeout needs a value in milliseconds"));
                case "-e", "--eval", "-p", "--print" -> program = only(program,
                        new Program.Inline(value(args, ++i, arg + " needs the code to run"), arg.startsWith("-p") || arg.equals("--print")));
                case "-" -> program = only(program, new Program.StandardInput());
                case "--" -> {
                    if (i + 1 < args.size()) {
                        program = only(program, new Program.File(Path.of(args.get(++i))));
                    }
                    if (i + 1 < args.size()) {
                        throw new IllegalArgumentException("only one program can be run; after the file came " + args.get(i + 1));
                    }
                }
                default -> {
                    if (arg.startsWith("--timeout=")) {
                        timeout = parseTimeout(arg.substring("--timeout=".length()));
                    } else if (arg.matches("--inspect(-brk)?(=.*)?")) {
                        inspector = parseInspector(arg);
                    } else if (arg.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option " + arg);
                    } else {
                        program = only(program, new Program.File(Path.of(arg)));
                    }
                }
            }
        }
        if (program == null) {
            throw new IllegalArgumentException("no program given: a script file, -e <code>, -p <code> or - for standard input");
        }
        return new RunnerArguments(program, timeout, allowEval, false, false, inspector);
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

    /**
     * {@code --inspect} or {@code --inspect-brk}, optionally {@code =port} or {@code =host:port} as
     * Node; GraalVM's inspector listens on the loopback address only, so that is the only host.
     */
    private static InspectorOptions parseInspector(String arg) {
        int equals = arg.indexOf('=');
        String option = equals < 0 ? arg : arg.substring(0, equals);
        String address = equals < 0 ? "" : arg.substring(equals + 1);
        int colon = address.lastIndexOf(':');
        String host = colon < 0 ? LOOPBACK.getFirst() : address.substring(0, colon);
        String port = colon < 0 ? address : address.substring(colon + 1);
        if (!LOOPBACK.contains(host)) {
            throw new IllegalArgumentException(option + " listens on 127.0.0.1 only, got host '" + host + "'");
        }
        int number;
        try {
            number = port.isEmpty() ? DEFAULT_INSPECT_PORT : Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes [host:]port, got '" + address + "'");
        }
        try {
            return new InspectorOptions(number, option.equals("--inspect-brk"));
        } catch (InvalidArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
    }

    private static Duration parseTimeout(String value) {
        long millis;
        try {
            millis = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--timeout must be a whole number of milliseconds, got '" + value + "'");
        }
        if (millis <= 0) {
            throw new IllegalArgumentException("--timeout must be positive, got " + millis);
        }
        return Duration.ofMillis(millis);
    }
}
