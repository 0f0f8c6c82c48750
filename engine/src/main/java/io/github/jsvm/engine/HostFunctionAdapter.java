package io.github.jsvm.engine;

import io.github.jsvm.HostFunction;
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
        for (Value argument : arguments) {
            javaArguments.add(converter.toJava(argument));
        }
        Object result;
        try {
            result = function.call(Collections.unmodifiableList(javaArguments));
        } catch (Exception | Error e) {
            throw converter.hostFailure("A host function failed", e);
        }
        return converter.toGuest(result, "result of HostFunction " + function);
    }
}
