package io.github.jsvm.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The parsed command line of {@link JsvmRun}; {@link #parse} rejects anything it does not know. */
record RunnerArguments(Path file, Duration timeout, boolean allowEval, boolean help, boolean version) {
    static final String USAGE = """
            Usage: jsvm-run [--timeout <ms>] [--no-eval] <file.js>
              Runs <file.js> in a fresh sandboxed context and prints its completion value.
              --timeout <ms>  stop the script after <ms> milliseconds (exit code 1)
              --no-eval       forbid eval() and new Function() in the script
              --version       print the engine version and whether the JIT is on
              --help          print this help
            Exit codes: 0 success, 1 script error or timeout, 2 usage error.""";

    static RunnerArguments parse(List<String> args) {
        Path file = null;
        Duration timeout = null;
        boolean allowEval = true;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--help", "-h" -> {
                    return new RunnerArguments(null, null, true, true, false);
                }
                case "--version" -> {
                    return new RunnerArguments(null, null, true, false, true);
                }
                case "--no-eval" -> allowEval = false;
                case "--timeout" -> {
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException("--timeout needs a value in milliseconds");
                    }
                    timeout = parseTimeout(args.get(++i));
                }
                default -> {
                    if (arg.startsWith("--timeout=")) {
                        timeout = parseTimeout(arg.substring("--timeout=".length()));
                    } else if (arg.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option " + arg);
                    } else if (file != null) {
                        throw new IllegalArgumentException("only one script file can be run, got " + file + " and " + arg);
                    } else {
                        file = Path.of(arg);
                    }
                }
            }
        }
        if (file == null) {
            throw new IllegalArgumentException("no script file given");
        }
        return new RunnerArguments(file, timeout, allowEval, false, false);
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
