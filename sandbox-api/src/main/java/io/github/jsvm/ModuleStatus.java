package io.github.jsvm;

/** Where a {@link Module} is in its life, as Node's {@code module.status}. */
public enum ModuleStatus {
    /** Created; {@link Module#link} has not run. */
    UNLINKED,
    /** {@link Module#link} is resolving dependencies. */
    LINKING,
    /** Dependencies resolved; ready to evaluate. */
    LINKED,
    /** Evaluation started and has not settled (for example, top-level {@code await} waits). */
    EVALUATING,
    /** Evaluation completed. */
    EVALUATED,
    /** Linking or evaluation failed; {@link Module#error()} holds the error. */
    ERRORED;

    /** Node's name for the status ({@code "unlinked"}, {@code "linking"}, ...), as {@code module.status} returns it. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
