package io.github.jsvm;

/**
 * An ES module bound to one context: Node's {@code vm.Module}. Created by
 * {@link Vm#sourceTextModule}, {@link Vm#syntheticModule} or {@link Vm#jsonModule}.
 *
 * <p>A module goes through the {@link ModuleStatus statuses} once: {@link #link link}, then
 * {@link #evaluate evaluate}. Once handed to the engine (linked into a graph, evaluated, or
 * returned from an import hook) it stays loaded until its context closes, as in any ES module map:
 * importing it again anywhere in that context yields the same instance, evaluated once.
 * Thread-safe; operations that run code follow the context's one-run-at-a-time rule.
 */
public sealed interface Module extends ImportReferrer permits SourceTextModule, SyntheticModule, Module.Json {

    /**
     * The identifier shown in stack traces and error messages. By default {@code vm:module(N)}, with
     * {@code N} counting from 0 in each context, as in Node.
     */
    String identifier();

    /** The context the module belongs to. */
    VmContext context();

    /**
     * The current status. A module evaluated by guest code (returned by an import hook, or a
     * dependency) has its final status by the end of the run that evaluated it, or of the later run
     * in which its top-level {@code await} settles.
     */
    ModuleStatus status();

    /**
     * The error linking or evaluation failed with.
     *
     * @throws ModuleStatusException unless {@link #status()} is {@link ModuleStatus#ERRORED}
     */
    VmException error();

    /**
     * Resolves the module's static dependencies with {@code linker}, and theirs that are not linked
     * yet. As in Node, the linker is asked for every request of a module before any request of its
     * dependencies. Linking happens once.
     *
     * @throws NullPointerException when {@code linker} is {@code null}
     * @throws ModuleLinkException when a dependency cannot be resolved (the linker threw, returned
     *     {@code null}, a module of another context, or an errored module); this module, and every
     *     module on the path to the failing request, become {@link ModuleStatus#ERRORED} with it
     * @throws ModuleAlreadyLinkedException when the module is linked already
     * @throws ModuleStatusException when the module is linking, evaluating, evaluated or errored
     */
    void link(ModuleLinker linker);

    /**
     * Links a module that has no dependencies (a linker is never needed).
     *
     * @throws ModuleLinkException when the module has a dependency
     * @throws ModuleAlreadyLinkedException when the module is linked already
     * @throws ModuleStatusException when the module is linking, evaluating, evaluated or errored
     */
    default void link() {
        link((specifier, referencingModule, attributes) -> {
            throw new IllegalStateException("no linker was given, and " + referencingModule.identifier()
                    + " imports '" + specifier + "'");
        });
    }

    /**
     * Evaluates the module under its context's run options (see {@link #evaluate(RunOptions)}).
     *
     * @throws ModuleStatusException when the module is not linked, or when called from its own evaluation
     * @throws VmException the error of an errored module, or what evaluation fails with (as
     *     {@link #evaluate(RunOptions)} lists)
     */
    default void evaluate() {
        evaluate(RunOptions.defaults());
    }

    /**
     * Evaluates the module and its dependencies, each once. Returns when evaluation has completed,
     * or when top-level {@code await} is still waiting for something outside this run (then the status
     * stays {@link ModuleStatus#EVALUATING} and moves on when that settles in a later run; evaluating
     * it again meanwhile does nothing). Evaluating an evaluated module does nothing; evaluating an
     * errored one throws its error again.
     *
     * @throws NullPointerException when {@code runOptions} is {@code null}
     * @throws ModuleStatusException when the module is not linked, or when called from its own
     *     evaluation (a host function its body calls), as Node's {@code ERR_VM_MODULE_STATUS}
     * @throws JsException when evaluation throws; the status becomes {@link ModuleStatus#ERRORED}
     * @throws ScriptTimeoutException when the run exceeds {@code runOptions.timeout()}; the status becomes
     *     errored with this exception
     * @throws ResourceExhaustedException when the run exceeds its CPU-time or allocation limit; the
     *     status becomes errored with this exception
     * @throws ContextClosedException when the context is closed before or during the run; the status
     *     becomes errored with this exception
     * @throws ContextBusyException when the context is running code on another thread
     * @throws VmException the error of an errored module, again
     */
    void evaluate(RunOptions runOptions);

    /**
     * The module's exports, available once the module is linked, as in Node. Before evaluation the
     * names come from the module's text (a synthetic module's export names) and the bindings are
     * not initialized yet (see {@link ModuleNamespace#get}); the same namespace reads the live
     * values once the module is evaluated.
     *
     * @throws ModuleStatusException when the module is unlinked, linking, or errored by its link
     */
    ModuleNamespace namespace();

    /** A JSON module: its default export is the parsed JSON text. Created by {@link Vm#jsonModule}. */
    non-sealed interface Json extends Module {}
}
