package io.github.jsvm.engine;

import io.github.jsvm.JsFunction;
import io.github.jsvm.RunOptions;
import io.github.jsvm.VmContext;
import java.util.List;
import org.graalvm.polyglot.Value;

/** A guest function plus the context it must run in. */
final class GraalJsFunction implements JsFunction {
    private final GraalContext owner;
    private final Value value;

    GraalJsFunction(GraalContext owner, Value value) {
        this.owner = owner;
        this.value = value;
    }

    @Override
    public Object call(List<?> args, RunOptions runOptions) {
        java.util.Objects.requireNonNull(args, "args must not be null");
        java.util.Objects.requireNonNull(runOptions, "runOptions must not be null");
        return owner.call(value, args, runOptions);
    }

    @Override
    public VmContext context() {
        return owner;
    }

    ContextRunner runner() {
        return owner.runner();
    }

    Value value() {
        return value;
    }

    @Override
    public String toString() {
        return "JsFunction in " + owner.runner().description();
    }
}
