package io.github.jsvm;

import java.util.Map;

/**
 * Resolves the static dependencies of a {@link SourceTextModule} during {@link Module#link}: Node's
 * {@code linker}. Called once per distinct {@link ModuleRequest} of each module in the graph.
 */
@FunctionalInterface
public interface ModuleLinker {

    /**
     * Returns the module that {@code specifier} names when imported by {@code referencingModule}.
     *
     * @return a module of the same context; it is linked with this linker if it is not yet
     * @throws Exception to make {@link Module#link} fail with a {@link ModuleLinkException}
     */
    Module link(String specifier, Module referencingModule, Map<String, String> attributes) throws Exception;
}
