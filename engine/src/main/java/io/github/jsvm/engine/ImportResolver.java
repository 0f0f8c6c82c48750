package io.github.jsvm.engine;

import io.github.jsvm.ImportModuleDynamically;
import io.github.jsvm.ModuleLinkException;
import java.lang.ref.WeakReference;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.graalvm.polyglot.PolyglotException;
import org.jspecify.annotations.Nullable;

/**
 * Decides what every {@code import()} and static import in one context loads, and returns the key
 * (or, for the default loader, the file path) the engine loads it from.
 *
 * <p>The importing code is classified once ({@link ImportingCode}) and served by what that says:
 * a module's static import by its link, an {@code import()} by the {@link HostDefinedOptions} of the
 * code containing it (a module's, a hook-bearing script's or function's as {@link ImportHooks} finds
 * them, the context's for code compiled from strings). So the hook and referrer follow the code,
 * wherever and whenever it runs.
 */
final class ImportResolver {
    static final String MISSING_CALLBACK_CODE = "ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING";

    /* Weak: the resolver is registered in the engine's context, which must not keep the wrapper alive. */
    private final WeakReference<GraalContext> owner;
    private final ImportHooks hooks;

    ImportResolver(GraalContext context, ImportHooks hooks) {
        this.owner = new WeakReference<>(context);
        this.hooks = hooks;
    }

    /** The seam's callback: {@code referrerPath} is the importing module's path, {@code null} for scripts. */
    String resolve(@Nullable String referrerPath, String specifier) {
        GraalContext context = owner.get();
        if (context == null) {
            throw new IllegalStateException("the context was collected");
        }
        ImportingCode importing = ImportingCode.classify(referrerPath, context.modules(), hooks.sites());
        RunUsageRecorder usage = context.runner().usage();
        if (usage != null && !isLibraryImport(importing, specifier)) {
            usage.importCalled();
        }
        return switch (importing) {
            case ImportingCode.ModuleCode(GraalModule module, ImportingFrame caller) -> caller != null
                    ? dynamicImport(context, module.hostDefinedOptions(), module.identifier(), specifier, caller)
                    : staticImport(context, module, specifier);
            case ImportingCode.FileBelowRoot(Path file) -> defaultLoad(context, specifier, file);
            case ImportingCode.LibraryBootstrap() -> {
                String key = context.modules().evaluating();
                if (!ModuleBridge.EVALUATED_SPECIFIER.equals(specifier) || key == null) {
                    throw context.converter().guestError("Error", "Cannot find module '" + specifier + "'", null);
                }
                yield key;
            }
            case ImportingCode.CompiledFromString(ImportingFrame caller) -> dynamicImport(context, context.hostDefinedOptions(),
                    "code compiled from a string in " + context, specifier, caller);
            case ImportingCode.Unhooked(String filename) -> throw missingCallback(context, filename, specifier);
            case ImportingCode.DefaultLoaderCode() -> defaultLoad(context, specifier, null);
            case ImportingCode.HookBearing(String hookRef, String filename, ImportingFrame caller) -> {
                HostDefinedOptions hostDefined = hooks.find(hookRef, context.sharedCodeUsers());
                if (hostDefined == null) {
                    // Unreachable while the code runs (the code, or for shared code the context, keeps its options alive).
                    throw context.converter().guestError("Error", "The import hook of " + filename + " is no longer available", null);
                }
                yield dynamicImport(context, hostDefined, filename, specifier, caller);
            }
        };
    }

    private static String staticImport(GraalContext context, GraalModule referrer, String specifier) {
        GraalModule dependency;
        try {
            dependency = referrer.dependency(specifier);
        } catch (ModuleLinkException failure) {
            throw linkFailure(context.converter(), failure, null);
        }
        if (dependency == null) {
            throw context.converter().guestError("Error", "Cannot resolve '" + specifier + "' imported by "
                    + referrer.identifier() + ": it was not linked", "ERR_VM_MODULE_LINK_FAILURE");
        }
        return dependency.key();
    }

    /** What an {@code import()} served by {@code hostDefined} loads: nothing, a file below the root, or what the hook returns. */
    private String dynamicImport(GraalContext context, HostDefinedOptions hostDefined, String referrerName,
            String specifier, ImportingFrame caller) {
        ValueConverter converter = context.converter();
        ImportModuleDynamically hook = hostDefined.hook();
        if (hook == ImportModuleDynamically.NONE) {
            throw missingCallback(context, referrerName, specifier);
        }
        if (hook == ImportModuleDynamically.DEFAULT_LOADER) {
            return defaultLoad(context, specifier, null);
        }
        Map<String, String> attributes = caller.attributes();
        Object result;
        try {
            result = awaitIfStage(context, hooks.call(hostDefined, specifier, attributes));
        } catch (PolyglotException guestError) {
            throw guestError;
        } catch (Exception | Error failure) {
            throw converter.hostFailure("The import hook of " + referrerName + " failed for '" + specifier + "'", failure);
        }
        GraalModule module = result instanceof GraalModule m ? m : result instanceof GraalModuleNamespace ns ? ns.graalModule() : null;
        if (module == null) {
            throw converter.guestError("TypeError", "The import hook of " + referrerName + " returned " + describe(result)
                    + " for '" + specifier + "'; expected a Module, a ModuleNamespace or a CompletionStage of either",
                    "ERR_VM_MODULE_NOT_MODULE");
        }
        if (module.graalContext() != context) {
            throw converter.guestError("TypeError", "The import hook of " + referrerName + " returned " + module
                    + " for '" + specifier + "', which belongs to another context", "ERR_VM_MODULE_DIFFERENT_CONTEXT");
        }
        try {
            module.linkForImport();
        } catch (ModuleLinkException failure) {
            throw linkFailure(converter, failure, "ERR_VM_MODULE_LINK_FAILURE");
        }
        return context.modules().handOut(module);
    }

    /**
     * The guest's error for a link that failed during a run. When a linker threw, its exception is
     * reported like any host failure (an error id, its message only if the context exposes host
     * messages, never its class); the library's own link failures say what went wrong.
     */
    private static PolyglotException linkFailure(ValueConverter converter, ModuleLinkException failure, @Nullable String code) {
        Throwable linkerFailure = failure.getCause();
        if (linkerFailure == null) {
            return converter.guestError("Error", failure.getMessage(), code);
        }
        String specifier = failure.specifier();
        return converter.hostFailure("Linking " + failure.referencingModule() + " failed"
                + (specifier == null ? "" : " for '" + specifier + "'"), linkerFailure);
    }

    /* The bootstrap's import and a module's import of itself (for its namespace) are the library's, not the code's. */
    private static boolean isLibraryImport(ImportingCode importing, String specifier) {
        return importing instanceof ImportingCode.LibraryBootstrap
                || importing instanceof ImportingCode.ModuleCode(GraalModule module, ImportingFrame caller)
                        && caller == null && specifier.equals(module.key());
    }

    private static RuntimeException missingCallback(GraalContext context, String referrerName, String specifier) {
        return context.converter().guestError("TypeError", "A dynamic import callback was not specified for " + referrerName
                + " (import of '" + specifier + "')", MISSING_CALLBACK_CODE);
    }

    /** A hook's result, or what its {@code CompletionStage} completes with. */
    private static Object awaitIfStage(GraalContext context, Object result) throws Exception {
        return result instanceof CompletionStage<?> stage ? StageWaiter.await(context, stage) : result;
    }

    /** {@link ImportModuleDynamically#DEFAULT_LOADER}: a file below the context's module root. */
    private static String defaultLoad(GraalContext context, String specifier, @Nullable Path importingFile) {
        ValueConverter converter = context.converter();
        Path root = context.options().moduleRoot();
        if (root == null) {
            throw converter.guestError("Error", "Cannot load '" + specifier + "': the default loader needs a moduleRoot in the "
                    + "ContextOptions of " + context, "ERR_VM_NO_MODULE_ROOT");
        }
        boolean relative = specifier.startsWith("./") || specifier.startsWith("../");
        Path importingDirectory = importingFile == null ? null : importingFile.getParent();
        Path base = relative && importingDirectory != null ? importingDirectory : root;
        Path resolved;
        try {
            resolved = base.resolve(specifier.startsWith("/") ? specifier.substring(1) : specifier).normalize();
        } catch (InvalidPathException invalid) {
            throw converter.guestError("Error", "Cannot load '" + specifier + "': not a valid path", null);
        }
        if (!resolved.startsWith(root)) {
            throw converter.guestError("Error", "Cannot load '" + specifier + "': it resolves outside the module root",
                    "ERR_VM_MODULE_OUTSIDE_ROOT");
        }
        // Node's error for a missing file; the engine's own would carry no code. (Symbolic links are
        // still checked when the file system reads the file.)
        if (!java.nio.file.Files.isRegularFile(resolved)) {
            throw converter.guestError("Error", "Cannot find module '" + resolved + "'"
                    + (importingFile == null ? "" : " imported from " + importingFile), "ERR_MODULE_NOT_FOUND");
        }
        return resolved.toString();
    }

    private static String describe(Object value) {
        return value == null ? "null" : "something else"; // never a host class name
    }
}
