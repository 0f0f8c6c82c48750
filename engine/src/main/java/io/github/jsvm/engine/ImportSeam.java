package io.github.jsvm.engine;

import com.oracle.truffle.api.nodes.EncapsulatingNodeReference;
import com.oracle.truffle.api.nodes.Node;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.jspecify.annotations.Nullable;

/**
 * The one place that knows how GraalJS lets an embedder intercept module loading.
 *
 * <p>GraalJS has no public hook for {@code import()}. Its internal option {@code js.mle-mode}
 * exposes {@code MLE.registerESMLookup(fn)}: GraalJS then calls {@code fn(referrerPath, specifier)}
 * synchronously for every {@code import()} and static import in the context, before touching any
 * file system. The seam registers a Java resolver there and deletes the {@code MLE} global so guest
 * code cannot replace it. Everything else in the library talks to this class, never to
 * {@code MLE}; {@code ImportSeamCanaryTest} fails loudly if a GraalJS upgrade changes the mechanism.
 *
 * <p>What an import resolves to is decided by {@link ImportResolver}; the returned string is the
 * path GraalJS loads the module from (through {@link ModuleFileSystem}) and its key in the context's
 * module map.
 *
 * <p>GraalJS does not pass the code containing an {@code import()} either, but while it asks the
 * lookup about one, it has made the call's node the thread's encapsulating node (Truffle's record of
 * the node making a call into the host); {@link #importCall()} reads it, so the code is found without
 * walking the stack.
 */
final class ImportSeam {
    /** Context option that enables the seam; every context of an engine must set it (code sharing). */
    static final String OPTION = "js.mle-mode";
    private static final String MLE_GLOBAL = "MLE";
    private static final String REGISTER = "registerESMLookup";
    /* The node of an import() call; GraalJS makes it the encapsulating node while it resolves the import. */
    private static final String IMPORT_CALL_NODE = "com.oracle.truffle.js.nodes.promise.ImportCallNode";

    private ImportSeam() {}

    /** Installs the resolver in a fresh context, before any guest code runs. */
    static void install(Context context, ImportResolver resolver) {
        Value bindings = context.getBindings(SourceOrigin.LANGUAGE);
        Value mle = bindings.getMember(MLE_GLOBAL);
        if (mle == null || !mle.hasMember(REGISTER) || !mle.getMember(REGISTER).canExecute()) {
            throw new IllegalStateException("This GraalJS version no longer offers " + MLE_GLOBAL + "." + REGISTER
                    + " under " + OPTION + "; the import() seam (ImportSeam) must be adapted to it");
        }
        mle.getMember(REGISTER).execute((ProxyExecutable) arguments ->
                resolver.resolve(arguments[0].isNull() ? null : arguments[0].asString(), arguments[1].asString()));
        bindings.removeMember(MLE_GLOBAL);
    }

    /**
     * The node of the {@code import()} call the lookup is being asked about, or {@code null} when the
     * lookup is not for one (static imports, which the engine resolves while linking).
     */
    static @Nullable Node importCall() {
        Node node = EncapsulatingNodeReference.getCurrent().get();
        return node != null && node.getClass().getName().equals(IMPORT_CALL_NODE) ? node : null;
    }
}
