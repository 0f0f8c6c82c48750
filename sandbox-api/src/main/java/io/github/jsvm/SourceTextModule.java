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
}
