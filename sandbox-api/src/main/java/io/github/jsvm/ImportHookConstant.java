package io.github.jsvm;

import java.util.Map;

/**
 * {@link ImportModuleDynamically#NONE} and {@link ImportModuleDynamically#DEFAULT_LOADER}: recognised
 * by identity, never called. Package-private so that the constants are the only instances.
 */
final class ImportHookConstant implements ImportModuleDynamically {
    private final String name;

    ImportHookConstant(String name) {
        this.name = name;
    }

    @Override
    public Object importModule(String specifier, ImportReferrer referrer, Map<String, String> attributes) {
        throw new UnsupportedOperationException(this + " is a marker, the engine resolves it itself");
    }

    @Override
    public String toString() {
        return "ImportModuleDynamically." + name;
    }
}
