package io.github.jsvm.engine;

import io.github.jsvm.HostFunction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * Lets guest code call a {@link HostFunction}: arguments are copied to Java, the result back into
 * the calling context. Checked exceptions travel as {@link HostCheckedException} so that the run can
 * rethrow the original.
 */
record HostFunctionAdapter(HostFunction function, ValueConverter converter) implements ProxyExecutable {

    @Override
    public Object execute(Value... arguments) {
        List<Object> javaArguments = new ArrayList<>(arguments.length);
        for (Value argument : arguments) {
            javaArguments.add(converter.toJava(argument));
        }
        Object result;
        try {
            result = function.call(Collections.unmodifiableList(javaArguments));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new HostCheckedException(e);
        }
        return converter.toGuest(result, "result of HostFunction " + function);
    }

    /** Carries a checked exception from a {@link HostFunction} through the engine. */
    static final class HostCheckedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HostCheckedException(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }
}
