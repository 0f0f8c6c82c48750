package io.github.jsvm.engine;

import io.github.jsvm.ImportModuleDynamically;
import io.github.jsvm.ImportReferrer;
import io.github.jsvm.ModuleLinkException;
import java.lang.ref.WeakReference;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.graalvm.polyglot.PolyglotException;

/**
 * Decides what every {@code import()} and static import in one context loads, and returns the key
 * (or, for the default loader, the file path) the engine loads it from.
 *
 * <p>Who imports is read from the guest stack: the innermost frame is the code containing the call.
 * Code of a hook-bearing script or function names its {@link HostDefinedOptions} in its source URI,
 * or, for code shared across hooks, the shared code whose user the context recorded;
 * module code is found by its key; code compiled from strings ({@code eval}, {@code new Function})
 * belongs to the context. So the hook and referrer follow the code, wherever and whenever it runs.
 */
final class ImportResolver {
    static final String MISSING_CALLBACK_CODE = "ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING";

    /* Weak: the resolver is registered in the engine's context, which must not keep the wrapper alive. */
    private final WeakReference<GraalContext> owner;

    ImportResolver(GraalContext context) {
        this.owner = new WeakReference<>(context);
    }

    /** The seam's callback: {@code referrerPath} is the importing module's path, {@code null} for scripts. */
    String resolve(String referrerPath, String specifier) {
        GraalContext context = owner.get();
        if (context == null) {
            throw new IllegalStateException("the context was collected");
        }
        ValueConverter converter = context.converter();
        ContextModules modules = context.modules();
        if (referrerPath != null) {
            GraalModule referrer = modules.find(referrerPath);
            if (referrer == null) {
                // A file below the module root: it and everything it imports use the default loader.
                return defaultLoad(context, specifier, Path.of(referrerPath));
            }
            // The frame walk is about half the cost of a lookup: only done where the answer depends on it.
            ImportingFrame caller = ImportingFrame.current();
            if (caller != null && referrerPath.equals(caller.path())) {
                return dynamicImport(context, referrer.importHook(), referrer.asModule(), referrer.identifier(),
                        specifier, caller);
            }
            return staticImport(context, referrer, specifier);
        }
        ImportingFrame caller = ImportingFrame.current();
        if (caller == null || caller.name().startsWith(SourceOrigin.INTERNAL_PREFIX)) {
            // The library's own import of the module being evaluated (Module.evaluate, Module.namespace).
            String key = modules.evaluating();
            if (!ContextModules.EVALUATED_SPECIFIER.equals(specifier) || key == null) {
                throw converter.guestError("Error", "Cannot find module '" + specifier + "'", null);
            }
            return key;
        }
        if (!SourceOrigin.isUserCode(caller.uri())) {
            return dynamicImport(context, context.importHook(), context,
                    "code compiled from a string in " + context, specifier, caller);
        }
        SourceOrigin origin = SourceOrigin.of(caller.path(), caller.name(), caller.uri());
        String importKey = origin.importKey();
        if (importKey == null) {
            return dynamicImport(context, ImportModuleDynamically.NONE, null, origin.filename(), specifier, caller);
        }
        if (importKey.equals(SourceOrigin.DEFAULT_LOADER)) {
            return defaultLoad(context, specifier, null);
        }
        HostDefinedOptions hostDefined = importKey.startsWith(SourceOrigin.SHARED_PREFIX)
                ? context.sharedCodeUser(importKey)
                : context.vm().hostDefinedOptions().find(importKey);
        if (hostDefined == null) {
            // Unreachable while the code runs (the code, or for shared code the context, keeps its options alive).
            throw converter.guestError("Error", "The import hook of " + origin.filename() + " is no longer available", null);
        }
        return dynamicImport(context, hostDefined.hook(), hostDefined.referrer(), origin.filename(), specifier, caller);
    }

    private static String staticImport(GraalContext context, GraalModule referrer, String specifier) {
        GraalModule dependency;
        try {
            dependency = referrer.dependency(specifier);
        } catch (ModuleLinkException failure) {
            throw context.converter().guestError("Error", failure.getMessage(), null);
        }
        if (dependency == null) {
            throw context.converter().guestError("Error", "Cannot resolve '" + specifier + "' imported by "
                    + referrer.identifier() + ": it was not linked", "ERR_VM_MODULE_LINK_FAILURE");
        }
        return dependency.key();
    }

    private static String dynamicImport(GraalContext context, ImportModuleDynamically hook, ImportReferrer referrer,
            String referrerName, String specifier, ImportingFrame caller) {
        ValueConverter converter = context.converter();
        if (hook == ImportModuleDynamically.NONE) {
            throw converter.guestError("TypeError", "A dynamic import callback was not specified for " + referrerName
                    + " (import of '" + specifier + "')", MISSING_CALLBACK_CODE);
        }
        if (hook == ImportModuleDynamically.DEFAULT_LOADER) {
            return defaultLoad(context, specifier, null);
        }
        Map<String, String> attributes = caller.callText() == null ? Map.of()
                : ModuleRequestScanner.importCallAttributes(caller.callText()).orElse(Map.of());
        Object result;
        try {
            result = awaitIfStage(context, hook.importModule(specifier, referrer, attributes));
        } catch (PolyglotException guestError) {
            throw guestError;
        } catch (Exception failure) {
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
            throw converter.guestError("Error", failure.getMessage(), "ERR_VM_MODULE_LINK_FAILURE");
        }
        return context.modules().handOut(module);
    }

    /** A hook's result, or what its {@code CompletionStage} completes with. */
    private static Object awaitIfStage(GraalContext context, Object result) throws Exception {
        return result instanceof CompletionStage<?> stage ? StageWaiter.await(context, stage) : result;
    }

    /** {@link ImportModuleDynamically#DEFAULT_LOADER}: a file below the context's module root. */
    private static String defaultLoad(GraalContext context, String specifier, Path importingFile) {
        ValueConverter converter = context.converter();
        Path root = context.options().moduleRoot();
        if (root == null) {
            throw converter.guestError("Error", "Cannot load '" + specifier + "': the default loader needs a moduleRoot in the "
                    + "ContextOptions of " + context, "ERR_VM_NO_MODULE_ROOT");
        }
        boolean relative = specifier.startsWith("./") || specifier.startsWith("../");
        Path base = relative && importingFile != null ? importingFile.getParent() : root;
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
