package io.github.jsvm.engine;

import io.github.jsvm.HostFunction;
import io.github.jsvm.VmException;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.jspecify.annotations.Nullable;

/**
 * Lets guest code call a {@link HostFunction}: arguments are copied to Java, the result back into
 * the calling context. An exception it throws reaches the guest as a plain {@code Error} (see
 * {@link HostFailures}), and the caller of the run as itself if the guest does not catch it.
 *
 * <p>The adapter reaches its function only weakly: the guest context holds the adapter, and the
 * context is reachable from its wrapper's cleanup action, so a function that captures the wrapper
 * (its own {@code VmContext}) would otherwise keep the wrapper reachable and the context open for
 * good. The wrapper holds the function instead, for as long as the guest holds the adapter
 * ({@link GraalContext#keepReachable}); guest code runs only through the wrapper, so the function is
 * there whenever it is called.
 */
final class HostFunctionAdapter implements ProxyExecutable {
    private final WeakReference<HostFunction> function;
    private final ValueConverter converter;

    HostFunctionAdapter(HostFunction function, ValueConverter converter) {
        this.function = new WeakReference<>(function);
        this.converter = converter;
    }

    /** The adapted function; {@code null} only once its context's wrapper has been collected. */
    @Nullable HostFunction function() {
        return function.get();
    }

    @Override
    public @Nullable Object execute(Value... arguments) {
        HostFunction target = function.get();
        if (target == null) {
            throw converter.hostFailure("A host function failed",
                    new IllegalStateException("the host function's context was dropped and is being closed"));
        }
        converter.countHostFunctionCall();
        List<@Nullable Object> javaArguments = new ArrayList<>(arguments.length);
        try {
            for (Value argument : arguments) {
                javaArguments.add(converter.toJava(argument));
            }
        } catch (VmException notCopyable) {
            // The guest's own values (too large, say): its error to handle, without the library's class names.
            throw converter.guestError("TypeError", "The arguments of a host function cannot be copied to Java: "
                    + notCopyable.getMessage(), null);
        }
        Object result;
        try {
            result = target.call(Collections.unmodifiableList(javaArguments));
        } catch (Exception | Error e) {
            throw converter.hostFailure("A host function failed", e);
        }
        try {
            // Not named by its toString(): that is the application's code, which may throw, and would run on every call.
            return converter.toGuest(result, "result of a HostFunction");
        } catch (VmException notConvertible) {
            // The host's mistake: reported like a failure of the function, never with its classes to the guest.
            throw converter.hostFailure("A host function returned a value with no JavaScript counterpart", notConvertible);
        }
    }
}
