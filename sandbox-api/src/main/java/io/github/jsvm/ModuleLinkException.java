package io.github.jsvm;

import org.jspecify.annotations.Nullable;

/**
 * Thrown by {@link Module#link} when a dependency cannot be resolved: the linker threw, returned
 * {@code null}, or returned a module of another context or {@code Vm}. The message names the
 * specifier and the importing module; the linker's exception, if any, is the cause.
 */
public class ModuleLinkException extends VmException {
    private static final long serialVersionUID = 1L;
    private final @Nullable String specifier;
    private final String referencingModule;

    /**
     * Creates the exception for {@code specifier} imported by the module with identifier {@code referencingModule}.
     *
     * @param specifier the specifier, or {@code null} when the failure is not about one request
     */
    public ModuleLinkException(String message, @Nullable String specifier, String referencingModule, @Nullable Throwable cause) {
        super(message, cause);
        this.specifier = specifier;
        this.referencingModule = Checks.notNull(referencingModule, "referencingModule");
    }

    /** The specifier that failed to resolve; {@code null} when the failure is not one request's (a module that cannot be linked as a whole). */
    public @Nullable String specifier() {
        return specifier;
    }

    /** The identifier of the module that imports it. */
    public String referencingModule() {
        return referencingModule;
    }
}
