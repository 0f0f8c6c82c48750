package io.github.jsvm;

import java.util.Map;

/**
 * Loads the module a dynamic {@code import()} asks for: Node's {@code importModuleDynamically}.
 *
 * <p>A hook is set per {@link Script} ({@link ScriptOptions}), per compiled function
 * ({@link FunctionOptions}), per {@link SourceTextModule} ({@link ModuleOptions}) and per context
 * ({@link ContextOptions}, for code that belongs to none of these, such as {@code eval}'d code).
 * It runs on the thread that runs the guest code, synchronously, inside that run: its time counts
 * toward the run's timeout. It must return one of:
 * <ul>
 *   <li>a {@link Module} of the importing context (linked or not; it is linked with no linker and
 *       evaluated as part of the import, so a {@link SourceTextModule} with dependencies must be
 *       linked first);
 *   <li>a {@link ModuleNamespace}, standing for its module;
 *   <li>a {@link java.util.concurrent.CompletionStage} of either, which the run waits for.
 * </ul>
 * Anything else makes the guest's {@code import()} reject with a {@code TypeError}; an exception
 * thrown by the hook makes it reject with an {@code Error} carrying the exception's message. The
 * host is never affected.
 *
 * <p>The hook is kept while its script, module or function is reachable, and while code compiled
 * from it can still run, and no longer. The library never holds a hook in a global table (the
 * compile cache holds hook-bearing scripts only weakly), so a hook that refers to its own script, or
 * captures its context, does not keep either alive. Code that the {@code Vm} compiled before with
 * another hook shares its parsed form with that compilation (compiling it again with a new hook costs
 * about a cache hit); for such code "can still run" is decided per context: once it ran in a context,
 * the hook is kept until that context is closed or collected.
 *
 * <p>Two constants stand for the hooks Node offers as constants: {@link #NONE} and
 * {@link #DEFAULT_LOADER}. Scripts with either keep sharing compiled code with identical scripts.
 */
@FunctionalInterface
public interface ImportModuleDynamically {

    /** No hook: {@code import()} rejects with a {@code TypeError} whose {@code code} is {@code ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING}. The default. */
    ImportModuleDynamically NONE = new ImportHookConstant("NONE");

    /**
     * Loads modules from the context's {@link ContextOptions#moduleRoot() module root}, read-only:
     * specifiers starting with {@code ./} or {@code ../} resolve against the importing file (the root
     * for scripts), all others against the root itself; a specifier that leaves the root, or a root
     * that is not configured, makes {@code import()} reject. Files ending in {@code .json} are JSON
     * modules (import them {@code with { type: 'json' }}); all other files are ES modules.
     */
    ImportModuleDynamically DEFAULT_LOADER = new ImportHookConstant("DEFAULT_LOADER");

    /**
     * Returns the module for {@code specifier}.
     *
     * @param specifier the first argument of {@code import()}, as written (not resolved)
     * @param referrer the script, module, function or context the {@code import()} belongs to
     * @param attributes the import attributes ({@code with { type: 'json' }}); empty when there are
     *     none, and also when they are not written as an object literal in the {@code import()} call
     *     (GraalJS does not expose computed attributes; it still enforces {@code type} itself)
     * @return a {@link Module}, a {@link ModuleNamespace} or a {@code CompletionStage} of either
     * @throws Exception to make the {@code import()} reject with the exception's message
     */
    Object importModule(String specifier, ImportReferrer referrer, Map<String, String> attributes) throws Exception;
}
