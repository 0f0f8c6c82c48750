package io.github.jsvm.engine;

import io.github.jsvm.ImportModuleDynamically;
import io.github.jsvm.ImportReferrer;
import org.jspecify.annotations.Nullable;

/**
 * What an {@code import()} in one piece of compiled code needs: its hook and its referrer (Node's
 * "host-defined options").
 *
 * <p>Reachable only from that code's source text ({@link ScriptText}), which GraalJS keeps alive for
 * as long as the code can run, and from the referrer itself. {@link HostDefinedOptionsRegistry}
 * finds it by id through a weak reference. So the options live exactly as long as the code or its
 * referrer does, and a hook that refers to its own script forms an ordinary, collectable cycle.
 * {@link ImportHooks} creates them all.
 */
final class HostDefinedOptions {
    private final @Nullable String id;
    private final ImportModuleDynamically hook;
    private volatile @Nullable ImportReferrer referrer;

    HostDefinedOptions(@Nullable String id, ImportModuleDynamically hook) {
        this.id = id;
        this.hook = hook;
    }

    /** The id in the registry; {@code null} for the constants' options, which are not registered. */
    @Nullable String id() {
        return id;
    }

    ImportModuleDynamically hook() {
        return hook;
    }

    /** The referrer; set once, right after it is created (it needs the compiled code first). */
    ImportReferrer referrer() {
        ImportReferrer bound = referrer;
        if (bound == null) {
            throw new IllegalStateException("the referrer of " + hook + " is not bound yet");
        }
        return bound;
    }

    void bind(ImportReferrer referrer) {
        this.referrer = referrer;
    }
}
