package io.github.jsvm;

import java.util.List;

/**
 * A module compiled from JavaScript source text: Node's {@code vm.SourceTextModule}. The text is
 * parsed when the module is created, so syntax errors surface then. Supports static imports (resolved
 * by the linker), dynamic {@code import()} (resolved by {@link ModuleOptions#importModuleDynamically()}),
 * import cycles, top-level {@code await} and {@code import.meta} (initialised by
 * {@link ModuleOptions#initializeImportMeta()}).
 */
public non-sealed interface SourceTextModule extends Module {

    /**
     * The static dependencies, in source order, each distinct (specifier, attributes) pair once.
     * Found by a lexical scan that GraalJS cross-checks at load time: a request the scan missed is
     * still resolved through the linker given to {@link #link}.
     */
    List<ModuleRequest> moduleRequests();

    /** Whether the module's own text awaits at its top level (including {@code for await}): Node's {@code hasTopLevelAwait()}. */
    boolean hasTopLevelAwait();

    /**
     * Whether this module or any module of its linked graph awaits at its top level, so that its
     * evaluation may finish only in a later run: Node's {@code hasAsyncGraph()}.
     *
     * @throws ModuleStatusException when the module is not linked yet
     */
    boolean hasAsyncGraph();

    /**
     * Links the module's requests to {@code modules}, one per entry of {@link #moduleRequests()} and in
     * that order: Node's {@code linkRequests()}, the newer alternative to {@link #link(ModuleLinker)}.
     * The status stays unlinked until {@link #instantiate()}. Once per module.
     *
     * @throws NullPointerException when {@code modules} is {@code null}
     * @throws InvalidArgumentException when the number of modules is not the number of requests, or
     *     one specifier is given two different modules
     * @throws ModuleLinkException when a module is unusable (of another context, errored)
     * @throws ModuleAlreadyLinkedException when the requests are linked already
     * @throws ModuleStatusException when the module is not unlinked
     */
    void linkRequests(List<? extends Module> modules);

    /**
     * Links this module and every unlinked module of its graph, whose requests were all given with
     * {@link #linkRequests}: Node's {@code instantiate()}. Checks imported names as {@link #link} does.
     * Does nothing for a module that is linked already.
     *
     * @throws ModuleLinkException when a module of the graph has unlinked requests, or imports a name
     *     its dependency does not export; the graph stays unlinked
     * @throws ModuleStatusException when the module is linking
     */
    void instantiate();
}
