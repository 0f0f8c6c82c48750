package io.github.jsvm.engine;

import io.github.jsvm.ContextClosedException;
import io.github.jsvm.ImportModuleDynamically;
import io.github.jsvm.Module;
import io.github.jsvm.ModuleLinkException;
import io.github.jsvm.ModuleLinker;
import io.github.jsvm.ModuleNamespace;
import io.github.jsvm.ModuleOptions;
import io.github.jsvm.ModuleStatus;
import io.github.jsvm.ModuleStatusException;
import io.github.jsvm.ResourceExhaustedException;
import io.github.jsvm.RunOptions;
import io.github.jsvm.ScriptTimeoutException;
import io.github.jsvm.VmContext;
import io.github.jsvm.VmException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.graalvm.polyglot.Value;

/**
 * What all modules share: identity (a key the engine loads it by), the status machine, the error and
 * the namespace.
 *
 * <p>Implements the methods of {@link Module}; each subclass adds its own API interface.
 *
 * <p>The engine evaluates modules itself, as part of whatever graph or {@code import()} reaches them;
 * the text it loads (see {@link #engineText()}) reports back through {@link ContextModules}:
 * {@link #started} when the body starts, {@link #done} when it completes. The root of an
 * {@link #evaluate} also hears how the whole graph {@link #settled}.
 */
abstract sealed class GraalModule permits GraalSourceTextModule, GraalSyntheticModule, GraalJsonModule {
    private final GraalContext context;
    private final String identifier;
    private final String key;
    private final ModuleOptions options;
    private volatile ModuleStatus status = ModuleStatus.UNLINKED;
    private volatile boolean outcomeObserved;
    private volatile VmException error;
    private volatile Value namespace;
    private volatile boolean loaded;
    private volatile byte[] engineBytes;
    /* Held by the module (its code is loaded through it); registered so that every hook lives in one registry. */
    private volatile HostDefinedOptions hostDefined;

    GraalModule(GraalContext context, String identifier, String key, ModuleOptions options) {
        this.context = context;
        this.identifier = identifier;
        this.key = key;
        this.options = options;
    }

    /** This module as the API type it implements. */
    final Module asModule() {
        return (Module) this;
    }

    /** The path the engine loads this module from; unique in the {@code Vm}. */
    final String key() {
        return key;
    }

    final ModuleOptions options() {
        return options;
    }

    final void useHostDefinedOptions(HostDefinedOptions options) {
        this.hostDefined = options;
    }

    /** The hook for {@code import()} calls in this module's code. */
    final ImportModuleDynamically importHook() {
        HostDefinedOptions current = hostDefined;
        return current != null ? current.hook() : options.importModuleDynamically();
    }

    final GraalContext graalContext() {
        return context;
    }

    /** The text the engine parses (the user's text plus the calls that report back to Java). */
    abstract String engineText();

    /** {@link #engineText()} in UTF-8, built once: the engine checks, sizes and reads it through the file system. */
    final byte[] engineBytes() {
        byte[] bytes = engineBytes;
        if (bytes == null) {
            bytes = engineText().getBytes(StandardCharsets.UTF_8);
            engineBytes = bytes;
        }
        return bytes;
    }

    /** How positions in {@link #engineText()} map to what the user wrote. */
    SourceOrigin origin() {
        return SourceOrigin.of(identifier, 0, 0);
    }

    /** The module a static import of {@code specifier} in this module resolves to, or {@code null}. */
    GraalModule dependency(String specifier) {
        return specifier.equals(key) ? this : null;
    }

    /** The modules this one was linked to. */
    Collection<GraalModule> dependencies() {
        return List.of();
    }

    /** Resolves dependencies; called by {@link #link} with the status at {@code LINKING}. */
    void linkDependencies(ModuleLinker linker) {}

    public final String identifier() {
        return identifier;
    }

    public final VmContext context() {
        return context;
    }

    public final ModuleStatus status() {
        return status;
    }

    public final VmException error() {
        VmException current = error;
        if (status != ModuleStatus.ERRORED) {
            throw new ModuleStatusException(identifier + " has no error: its status is " + status, status);
        }
        return current;
    }

    public final void link(ModuleLinker linker) {
        Objects.requireNonNull(linker, "linker must not be null");
        synchronized (this) {
            if (status == ModuleStatus.LINKING) {
                throw new ModuleStatusException(identifier + " is already linking", status);
            }
            if (status != ModuleStatus.UNLINKED) {
                return;
            }
            status = ModuleStatus.LINKING;
        }
        try {
            linkDependencies(linker);
        } catch (RuntimeException failure) {
            status = ModuleStatus.UNLINKED;
            throw failure;
        }
        status = ModuleStatus.LINKED;
    }

    /** Links this module, which an import hook returned, with no linker. */
    final void linkForImport() {
        if (status == ModuleStatus.UNLINKED) {
            try {
                asModule().link();
            } catch (ModuleLinkException | IllegalStateException notLinkable) {
                throw new ModuleLinkException(identifier + " has dependencies and must be linked before an import hook returns it",
                        null, identifier, notLinkable);
            }
        }
    }

    public final void evaluate(RunOptions runOptions) {
        Objects.requireNonNull(runOptions, "options must not be null");
        switch (status) {
            case UNLINKED, LINKING -> throw new ModuleStatusException(
                    identifier + " must be linked before it is evaluated; its status is " + status, status);
            case EVALUATING, EVALUATED -> {
                return;
            }
            case ERRORED -> throw error;
            case LINKED -> { }
        }
        try {
            context.guarded(runOptions, converter -> {
                context.modules().evaluate(this);
                return null;
            });
        } catch (ScriptTimeoutException | ResourceExhaustedException | ContextClosedException stopped) {
            fail(stopped);
            throw stopped;
        }
        if (status == ModuleStatus.ERRORED) {
            throw error;
        }
        if (status == ModuleStatus.LINKED) {
            // Top-level await waits for something outside this run; a later run settles it.
            status = ModuleStatus.EVALUATING;
        }
    }

    public final ModuleNamespace namespace() {
        Value current = namespace;
        if (current == null && status == ModuleStatus.EVALUATED) {
            // Evaluated as part of another graph without reporting its namespace (JSON): import it again.
            context.inRun(null, converter -> {
                context.modules().evaluate(this);
                return null;
            });
            current = namespace;
        }
        if (current == null) {
            throw new ModuleStatusException(identifier + " has no namespace yet: its status is " + status, status);
        }
        return new GraalModuleNamespace(this, current);
    }

    // ---- reports from the engine, on the thread of the run --------------------------------------

    /** The bootstrap imported this module: {@link #settled} will report its outcome. */
    final void observeOutcome() {
        outcomeObserved = true;
    }

    final boolean isOutcomeObserved() {
        return outcomeObserved;
    }

    /** The engine loaded this module's text: from now on its statuses come from the engine. */
    void loaded() {
        loaded = true;
    }

    final boolean isLoaded() {
        return loaded;
    }

    /*
     * The two reports below are checked against the state, because guest code can find the bridge and
     * call it: a report the engine could not have sent changes nothing.
     */

    final Object started(Value moduleNamespace) {
        if (loaded && status == ModuleStatus.LINKED) {
            namespace = moduleNamespace;
            status = ModuleStatus.EVALUATING;
            context.modules().started(this);
        }
        return null;
    }

    final Object done() {
        if (status == ModuleStatus.EVALUATING) {
            status = ModuleStatus.EVALUATED;
        }
        return null;
    }

    /** The graph evaluated from this module completed ({@code ok}) or was rejected with {@code value}. */
    final void settled(boolean ok, Value value) {
        if (ok) {
            namespace = value;
            status = ModuleStatus.EVALUATED;
            return;
        }
        if (status == ModuleStatus.ERRORED) {
            return; // reported already: keep the first error
        }
        VmException failure = context.modules().translateRejection(context.converter(), value);
        for (GraalModule module : graph()) {
            if (module.status == ModuleStatus.EVALUATING) {
                module.fail(failure);
            }
        }
        fail(failure);
    }

    /** Marks this module evaluated; for modules whose evaluation cannot fail once loaded (JSON, checked at creation). */
    final void evaluatedOnLoad() {
        loaded = true;
        if (status == ModuleStatus.LINKED) {
            status = ModuleStatus.EVALUATED;
        }
    }

    final void fail(VmException failure) {
        error = failure;
        status = ModuleStatus.ERRORED;
    }

    private Set<GraalModule> graph() {
        Set<GraalModule> seen = new HashSet<>();
        collect(this, seen);
        return seen;
    }

    private static void collect(GraalModule module, Set<GraalModule> seen) {
        if (seen.add(module)) {
            for (GraalModule dependency : module.dependencies()) {
                collect(dependency, seen);
            }
        }
    }

    /** The call that tells Java this module's body started (the namespace comes from a self-import). */
    final String startedCall() {
        String self = ContextModules.host() + "_self";
        return "import * as " + self + " from " + JsStrings.quote(key) + "; "
                + ContextModules.host() + ".started(" + JsStrings.quote(key) + ", " + self + ");";
    }

    final String doneCall() {
        return ContextModules.host() + ".done(" + JsStrings.quote(key) + ");";
    }

    @Override
    public String toString() {
        return getClass().getInterfaces()[0].getSimpleName() + "[" + identifier + ", " + status + "]";
    }
}
