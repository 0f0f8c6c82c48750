package io.github.jsvm.engine;

import io.github.jsvm.ImportModuleDynamically;
import org.jspecify.annotations.Nullable;

/**
 * Where a {@code Vm} keeps the {@link HostDefinedOptions} of hook-bearing code, and how that code
 * keeps them alive.
 *
 * <p>The library always uses {@link WeakHostDefinedOptionsRegistry}. The interface exists so that
 * the collectability suite can swap in deliberately wrong registries (one that leaks, one that lets
 * options die while their code still runs) and prove that its tests detect both; such registries
 * can only be installed through the package-private {@code GraalJsVm} constructor.
 */
interface HostDefinedOptionsRegistry {

    /** Creates and registers options for code (or a module) with {@code hook}. */
    HostDefinedOptions register(ImportModuleDynamically hook);

    /** The options registered under {@code id}, or {@code null} once nothing keeps them alive. */
    @Nullable HostDefinedOptions find(String id);

    /** Registered entries, collected or not; for tests. */
    int size();

    /**
     * What the compiled code's source text references, to keep {@code options} alive exactly as long
     * as the code can run: the options themselves.
     */
    default Object anchor(HostDefinedOptions options) {
        return options;
    }

    /**
     * What the text of code shared across hooks references when {@code options} are those of the
     * compilation that first shares it: nothing, because shared code outlives any one script and must
     * never keep a hook (and whatever it captures) alive.
     */
    default @Nullable Object sharedAnchor(HostDefinedOptions options) {
        return null;
    }
}
