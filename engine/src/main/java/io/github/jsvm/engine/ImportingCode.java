package io.github.jsvm.engine;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Which code an {@code import} being resolved comes from: the one decision that says how it is served
 * ({@link ImportResolver} switches on it).
 *
 * <p>Classified from what the engine passes (the importing module's path, for module code) and, where
 * that is not enough, from the code containing the {@code import()} call ({@link ImportingFrame},
 * found by {@link ImportingFrame.Sites}), whose source URI says how the code was compiled
 * ({@link SourceOrigin#hookRef()}).
 */
sealed interface ImportingCode {

    /** A module of the context: its {@code import()} at {@code dynamicCall}, or a static import when that is {@code null}. */
    record ModuleCode(GraalModule module, @Nullable ImportingFrame dynamicCall) implements ImportingCode {}

    /** A file below the context's module root, loaded by the default loader: it imports the same way. */
    record FileBelowRoot(Path file) implements ImportingCode {}

    /** The library's own import of the module it is evaluating ({@code Module.evaluate}, namespaces). */
    record LibraryBootstrap() implements ImportingCode {}

    /** Code compiled from a string ({@code eval}, {@code new Function}): served by the context's hook. */
    record CompiledFromString(ImportingFrame frame) implements ImportingCode {}

    /** A script or function compiled with {@link io.github.jsvm.ImportModuleDynamically#NONE}. */
    record Unhooked(String filename) implements ImportingCode {}

    /** A script or function compiled with {@link io.github.jsvm.ImportModuleDynamically#DEFAULT_LOADER}. */
    record DefaultLoaderCode() implements ImportingCode {}

    /** A script or function compiled with a custom hook, found by {@code hookRef} ({@link ImportHooks#find}). */
    record HookBearing(String hookRef, String filename, ImportingFrame frame) implements ImportingCode {}

    /**
     * Classifies the code importing now. {@code referrerPath} is the importing module's path as the
     * engine reports it ({@code null} for scripts); {@code modules} finds the context's modules by it;
     * {@code sites} finds the code containing the {@code import()} call (no frame walk for a call site
     * seen before, none at all for a static import).
     */
    static ImportingCode classify(@Nullable String referrerPath, ContextModules modules, ImportingFrame.Sites sites) {
        if (referrerPath != null) {
            GraalModule module = modules.find(referrerPath);
            if (module == null) {
                return new FileBelowRoot(Path.of(referrerPath));
            }
            ImportingFrame call = sites.importCallFor(referrerPath);
            if (call == null || referrerPath.equals(call.path())) {
                return new ModuleCode(module, call);
            }
            // An import() in code the module compiled from a string: served like such code anywhere.
            return new CompiledFromString(call);
        }
        ImportingFrame caller = sites.current();
        if (caller == null || caller.name().startsWith(SourceOrigin.INTERNAL_PREFIX)) {
            return new LibraryBootstrap();
        }
        if (!SourceOrigin.isUserCode(caller.uri())) {
            return new CompiledFromString(caller);
        }
        SourceOrigin origin = caller.origin();
        String hookRef = origin.hookRef();
        if (hookRef == null) {
            return new Unhooked(origin.filename());
        }
        if (hookRef.equals(SourceOrigin.DEFAULT_LOADER)) {
            return new DefaultLoaderCode();
        }
        return new HookBearing(hookRef, origin.filename(), caller);
    }
}
