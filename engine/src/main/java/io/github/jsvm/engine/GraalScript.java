package io.github.jsvm.engine;

import io.github.jsvm.RunOptions;
import io.github.jsvm.Script;
import io.github.jsvm.ScriptOptions;
import io.github.jsvm.VmContext;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.graalvm.polyglot.Source;
import org.jspecify.annotations.Nullable;

/** A compiled script: code parsed once, evaluated afresh in each context. */
final class GraalScript implements Script {
    /* V8 reads the comment wherever a comment may stand; a line of its own covers what tools write. */
    private static final Pattern SOURCE_MAP_COMMENT = Pattern.compile("(?m)^[ \\t]*//[#@][ \\t]*sourceMappingURL=(\\S+)[ \\t]*$");
    private final GraalJsVm vm;
    private final CompiledCode code;
    private final ScriptOptions options;
    /* Whether the code may declare global lexical bindings, and the sharing layers that saw it run (see AbsentGlobalGuard). */
    private final boolean mayDeclareGlobals;
    private final AtomicInteger coveredLayers = new AtomicInteger();
    /* Made once: a method reference per run would be an allocation per run. */
    private final Consumer<GraalContext> afterRun = this::afterRun;

    GraalScript(GraalJsVm vm, CompiledCode code, ScriptOptions options, boolean mayDeclareGlobals) {
        this.vm = vm;
        this.code = code;
        this.options = options;
        this.mayDeclareGlobals = mayDeclareGlobals;
    }

    /** The source this script runs in a fresh context; equal for scripts that share compiled code. */
    Source source() {
        return code.source();
    }

    @Override
    public ScriptOptions options() {
        return options;
    }

    @Override
    public Object runInContext(VmContext context, RunOptions runOptions) {
        Objects.requireNonNull(runOptions, "runOptions must not be null");
        return vm.own(context, "context").evaluate(code, runOptions, afterRun);
    }

    /** After a run in {@code context} (inside it): the first time per sharing layer, guards the names it declared. */
    private void afterRun(GraalContext context) {
        if (!mayDeclareGlobals) {
            return;
        }
        int bit = 1 << AbsentGlobalGuard.layer(context.options());
        if ((coveredLayers.get() & bit) == 0 && vm.absentGlobals().cover(context.runner().polyglot(), Integer.numberOfTrailingZeros(bit))) {
            coveredLayers.getAndUpdate(layers -> layers | bit);
        }
    }

    @Override
    public Object runInNewContext(Map<String, ?> globals, RunOptions runOptions) {
        Objects.requireNonNull(runOptions, "runOptions must not be null");
        try (VmContext context = vm.createContext(globals)) {
            return runInContext(context, runOptions);
        }
    }

    @Override
    public Object runInThisContext(RunOptions runOptions) {
        Objects.requireNonNull(runOptions, "runOptions must not be null");
        return runInContext(vm.mainContext(), runOptions);
    }

    @Override
    public @Nullable String sourceMapURL() {
        String url = null;
        Matcher comment = SOURCE_MAP_COMMENT.matcher(code.source().getCharacters());
        while (comment.find()) {
            url = comment.group(1);
        }
        return url;
    }

    @Override
    public String toString() {
        return "Script[" + options.filename() + "]";
    }
}
