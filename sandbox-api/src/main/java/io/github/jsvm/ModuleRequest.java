package io.github.jsvm;

import java.util.Map;

/**
 * A static dependency of a module: the specifier of an {@code import ... from} or {@code export ... from}
 * declaration and its import attributes. Immutable.
 *
 * @param specifier the module specifier as written
 * @param attributes the import attributes, such as {@code type=json}; empty when there are none
 */
public record ModuleRequest(String specifier, Map<String, String> attributes) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException when {@code specifier} or {@code attributes} is {@code null}
     */
    public ModuleRequest {
        Checks.notNull(specifier, "specifier");
        attributes = Map.copyOf(Checks.notNull(attributes, "attributes"));
    }
}
