package io.github.jsvm;

/**
 * Thrown by {@link Module#link} on a module that is linked already: Node's
 * {@code ERR_VM_MODULE_ALREADY_LINKED}. Linking happens once; evaluate the module instead.
 */
public class ModuleAlreadyLinkedException extends ModuleStatusException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for the module with identifier {@code identifier}. */
    public ModuleAlreadyLinkedException(String identifier) {
        super("Module has already been linked: " + Checks.notNull(identifier, "identifier"), ModuleStatus.LINKED);
    }
}
