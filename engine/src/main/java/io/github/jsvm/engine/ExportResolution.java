package io.github.jsvm.engine;

/**
 * The outcome of the specification's ResolveExport, answered from what module texts say (see
 * {@link ModuleBindings}) before the engine has evaluated them.
 */
sealed interface ExportResolution {
    /** Binding {@code name} of {@code module}, or its namespace ({@link ModuleBindings.Target#NAMESPACE}). */
    record Binding(GraalModule module, String name) implements ExportResolution {}

    /** No binding. */
    enum Unresolved implements ExportResolution {
        /** The module provides no such export: the specification's null. */
        NOT_FOUND,
        /** Two {@code export *} of one module provide the name from different bindings. */
        AMBIGUOUS,
        /** A text on the way has a shape the reader does not know: no conclusion may be drawn. */
        UNKNOWN
    }
}
