package io.github.jsvm.engine;

import io.github.jsvm.HostFunction;
import io.github.jsvm.VmException;
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
 */
record HostFunctionAdapter(HostFunction function, ValueConverter converter) implements ProxyExecutable {

    @Override
    public @Nullable Object execute(Value... arguments) {
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
            result = function.call(Collections.unmodifiableList(javaArguments));
        } catch (Exception | Error e) {
            throw converter.hostFailure("A host function failed", e);
        }
        try {
            return converter.toGuest(result, "result of HostFunction " + function);
        } catch (VmException notConvertible) {
            // The host's mistake: reported like a failure of the function, never with its classes to the guest.
            throw converter.hostFailure("A host function returned a value with no JavaScript counterpart", notConvertible);
        }
    }
}
