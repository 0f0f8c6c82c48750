package io.github.jsvm;

/**
 * Thrown when a module operation is not allowed in the module's current status, as Node's
 * {@code ERR_VM_MODULE_STATUS}; for example {@link Module#namespace()} before linking.
 */
public class ModuleStatusException extends VmException {
    private static final long serialVersionUID = 1L;
    private final ModuleStatus status;

    /** Creates the exception for a module that is in {@code status}. */
    public ModuleStatusException(String message, ModuleStatus status) {
        super(message);
        this.status = Checks.notNull(status, "status");
    }

    /** The status the module was in. */
    public ModuleStatus status() {
        return status;
    }
}
