package io.github.jsvm;

import org.jspecify.annotations.Nullable;

/**
 * Root of every exception this library throws on purpose.
 *
 * <p>Catching {@code VmException} catches all failures caused by a script, by its context or by
 * invalid arguments. Subclasses say which: {@link ScriptSyntaxException}, {@link JsException},
 * {@link ScriptTimeoutException}, {@link ResourceExhaustedException}, {@link ContextClosedException},
 * {@link ContextBusyException}, {@link VmClosedException}, {@link InvalidArgumentException},
 * {@link ModuleStatusException} (with its subclass {@link ModuleAlreadyLinkedException}) and
 * {@link ModuleLinkException}. A {@code NullPointerException} naming the parameter is thrown for
 * {@code null} where a value is required.
 *
 * <p>Exceptions never carry engine objects: they hold only plain Java data and can be kept for as
 * long as needed without pinning a context.
 */
public class VmException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with the given message. */
    public VmException(String message) {
        super(message);
    }

    /** Creates an exception with the given message and cause. */
    public VmException(@Nullable String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
