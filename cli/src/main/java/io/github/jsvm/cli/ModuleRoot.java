package io.github.jsvm.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Chooses the directory a program may read modules from: {@code --module-root} if given, else the
 * file's own directory, else (inline code, standard input, the REPL) the current directory, as Node
 * resolves their imports against it.
 */
final class ModuleRoot {
    private ModuleRoot() {}

    /** The root, absolute and normalized; a file program must lie below it. */
    static Path of(Path explicit, RunnerArguments.Program program) {
        Path file = program instanceof RunnerArguments.Program.File f ? f.path().toAbsolutePath().normalize() : null;
        Path root = explicit != null ? explicit.toAbsolutePath().normalize()
                : file != null ? file.getParent() : Path.of("").toAbsolutePath();
        if (explicit != null && !Files.isDirectory(root)) {
            throw new IllegalArgumentException("--module-root " + explicit + " is not a directory");
        }
        if (file != null && !file.startsWith(root)) {
            throw new IllegalArgumentException(program.name() + " is not below the module root " + root);
        }
        return root;
    }
}
