package io.github.jsvm;

/**
 * What runs the JavaScript.
 *
 * @param implementationName the engine's own name, for example {@code "GraalVM CE"}
 * @param version the engine version
 * @param optimizing {@code true} when hot code is compiled to machine code (the JIT is on);
 *     {@code false} when the engine only interprets, which is roughly ten times slower for
 *     compute-heavy code
 */
public record RuntimeInfo(String implementationName, String version, boolean optimizing) {
    /** Checks that the names are given. */
    public RuntimeInfo {
        Checks.notNull(implementationName, "implementationName");
        Checks.notNull(version, "version");
    }
}
