package io.github.jsvm.cli;

import io.github.jsvm.FunctionOptions;
import io.github.jsvm.HostFunction;
import io.github.jsvm.ImportModuleDynamically;
import io.github.jsvm.JsException;
import io.github.jsvm.JsFunction;
import io.github.jsvm.JsStackFrame;
import io.github.jsvm.RunOptions;
import io.github.jsvm.Vm;
import io.github.jsvm.VmContext;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a file as an ES module through the engine's default loader, so the entry and everything it
 * imports are read the same way: below the context's module root, read-only, imports resolved
 * against the importing file. The entry is loaded by an {@code import()} in a small loader function;
 * an error it throws (also after a top-level {@code await}) rejects that import, and the context's
 * unhandled-rejection setting turns the rejection into the run's exception.
 */
final class ModuleEntry {
    private static final String LOADER_NAME = "[jsvm-run module loader]";

    private ModuleEntry() {}

    /**
     * Evaluates {@code file}, which must lie below {@code root}, the context's module root.
     *
     * @return {@code true} when the module finished; {@code false} when its top-level {@code await}
     *     was still waiting once nothing was left to run
     * @throws io.github.jsvm.VmException when loading or evaluating the module failed or hit a limit
     */
    static boolean run(Vm vm, VmContext context, Path root, Path file, RunOptions limits) {
        // The default loader resolves an import() of code outside any file module against the root.
        StringBuilder specifier = new StringBuilder(".");
        for (Path part : root.relativize(file)) {
            specifier.append('/').append(part);
        }
        AtomicBoolean finished = new AtomicBoolean();
        HostFunction onFinished = args -> {
            finished.set(true);
            return null;
        };
        JsFunction loader = vm.compileFunction("return import(specifier).then(() => finished());", List.of("specifier", "finished"),
                FunctionOptions.builder().filename(LOADER_NAME).parsingContext(context)
                        .importModuleDynamically(ImportModuleDynamically.DEFAULT_LOADER).build());
        try {
            loader.call(List.of(specifier.toString(), onFinished), limits);
        } catch (JsException failure) {
            throw withoutLoader(failure);
        }
        return finished.get();
    }

    /** A loading error (file missing, outside the root) is reported at the loader's import(): the user never wrote that code. */
    private static JsException withoutLoader(JsException failure) {
        List<JsStackFrame> frames = failure.frames().stream().filter(frame -> !LOADER_NAME.equals(frame.filename())).toList();
        boolean headedByLoader = failure.displayHeader() != null && failure.displayHeader().startsWith(LOADER_NAME);
        if (frames.size() == failure.frames().size() && !headedByLoader) {
            return failure;
        }
        return new JsException(failure.errorName(), failure.errorMessage(), failure.thrownValue(), frames,
                headedByLoader ? null : failure.displayHeader());
    }
}
