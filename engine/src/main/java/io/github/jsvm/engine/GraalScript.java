package io.github.jsvm.engine;

import io.github.jsvm.RunOptions;
import io.github.jsvm.Script;
import io.github.jsvm.ScriptOptions;
import io.github.jsvm.VmContext;
import java.util.Map;
import java.util.Objects;
import org.graalvm.polyglot.Source;

/** A compiled script: an immutable source parsed once, evaluated afresh in each context. */
final class GraalScript implements Script {
    private final GraalVm vm;
    private final SourceHandle source;
    private final ScriptOptions options;

    GraalScript(GraalVm vm, SourceHandle source, ScriptOptions options) {
        this.vm = vm;
        this.source = source;
        this.options = options;
    }

    /** The source this script runs; equal for scripts that share compiled code. */
    Source source() {
        return source.get();
    }

    @Override
    public ScriptOptions options() {
        return options;
    }

    @Override
    public Object runInContext(VmContext context, RunOptions runOptions) {
        Objects.requireNonNull(runOptions, "options must not be null");
        return vm.own(context, "context").evaluate(source.get(), runOptions);
    }

    @Override
    public Object runInNewContext(Map<String, ?> globals, RunOptions runOptions) {
        Objects.requireNonNull(runOptions, "options must not be null");
        try (VmContext context = vm.createContext(globals)) {
            return runInContext(context, runOptions);
        }
    }

    @Override
    public String toString() {
        return "Script[" + options.filename() + "]";
    }
}
