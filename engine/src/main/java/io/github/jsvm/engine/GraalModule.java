package io.github.jsvm.engine;

import io.github.jsvm.ContextClosedException;
import io.github.jsvm.JsException;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.graalvm.polyglot.Value;
import org.jspecify.annotations.Nullable;

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
    /* Names this module in the calls its text makes to Java; known to no other code (see ModuleBridge). */
    private final String token;
    private final ModuleOptions options;
    private final ModuleLifecycle lifecycle;
    private volatile boolean outcomeObserved;
    private volatile @Nullable Value namespace;
    private volatile boolean loaded;
    private volatile byte @Nullable [] engineBytes;
    /* Held by the module (its code is loaded through it); see ImportHooks. */
    private volatile @Nullable HostDefinedOptions hostDefined;

    GraalModule(GraalContext context, String identifier, ModuleAddress address, ModuleOptions options) {
        this.context = context;
        this.identifier = identifier;
        this.key = address.key();
        this.token = address.token();
        this.options = options;
        this.lifecycle = new ModuleLifecycle(identifier);
    }

    /** This module as the API type it implements. */
    final Module asModule() {
        return (Module) this;
    }

    /** The path the engine loads this module from; unique among its context's modules (see {@link SharedModuleTexts}). */
    final String key() {
        return key;
    }

    /** The token this module's generated calls name it by; see {@link ModuleBridge}. */
    final String token() {
        return token;
    }

    final ModuleOptions options() {
        return options;
    }

    final void useHostDefinedOptions(HostDefinedOptions options) {
        this.hostDefined = options;
    }

    /** What serves {@code import()} calls in this module's code. */
    final HostDefinedOptions hostDefinedOptions() {
        HostDefinedOptions bound = hostDefined;
        if (bound == null) {
            // GraalJsVm binds them before it registers the module, so no import can come first.
            throw new IllegalStateException(identifier + " has no import hook bound yet");
        }
        return bound;
    }

    final GraalContext graalContext() {
        return context;
    }

    /** The text the engine parses (the user's text plus the calls that report back to Java). */
    abstract String engineText();

    /**
     * {@link #engineText()} in UTF-8, built once for the engine's checks, sizing and reading through
     * the file system, and held until the engine has read it.
     */
    final byte[] engineBytes() {
        byte[] bytes = engineBytes;
        if (bytes == null) {
            bytes = engineText().getBytes(StandardCharsets.UTF_8);
            engineBytes = bytes;
        }
        return bytes;
    }

    /**
     * {@link #engineBytes()} for the engine's read, which is its last use: the engine keeps its own
     * copy of the text for as long as the module is loaded, so a loaded module need not hold a second
     * one (a long-lived context keeps every module it loaded). Built again should the engine ever ask.
     */
    final byte[] engineBytesForRead() {
        byte[] bytes = engineBytes();
        engineBytes = null;
        return bytes;
    }

    /** Whether this module holds its engine text now; for tests. */
    final boolean holdsEngineBytes() {
        return engineBytes != null;
    }

    /** How positions in {@link #engineText()} map to what the user wrote. */
    SourceOrigin origin() {
        return SourceOrigin.of(identifier, 0, 0);
    }

    /** The module a static import of {@code specifier} in this module resolves to, or {@code null}. */
    @Nullable GraalModule dependency(String specifier) {
        return specifier.equals(key) ? this : null;
    }

    /** The modules this one was linked to. */
    Collection<GraalModule> dependencies() {
        return List.of();
    }

    /**
     * Asks {@code linker} for each of this module's requests, in order, and returns the modules it
     * gave; called by {@link #link} with the status at {@code LINKING}. The caller links those in turn.
     */
    List<GraalModule> resolveRequests(ModuleLinker linker) {
        return List.of();
    }

    public final String identifier() {
        return identifier;
    }

    public final VmContext context() {
        return context;
    }

    public final ModuleStatus status() {
        return lifecycle.status();
    }

    public final VmException error() {
        return lifecycle.error();
    }

    final ModuleLifecycle lifecycle() {
        return lifecycle;
    }

    /*
     * Node's order and outcome: the linker is asked for every request of a module before any request
     * of its dependencies (breadth first, as Node's promise-driven linking runs); a failure leaves
     * the module where it happened and every module on the path back to this one errored with it,
     * and the other modules of the attempt unlinked again.
     */
    public final void link(ModuleLinker linker) {
        Objects.requireNonNull(linker, "linker must not be null");
        lifecycle.beginLink();
        ArrayDeque<GraalModule> pending = new ArrayDeque<>(List.of(this));
        Map<GraalModule, GraalModule> importedBy = new IdentityHashMap<>();
        List<GraalModule> attempt = new ArrayList<>(List.of(this));
        GraalModule current = this; // the first module polled: a failure always names one
        try {
            while (!pending.isEmpty()) {
                current = pending.poll();
                for (GraalModule dependency : current.resolveRequests(linker)) {
                    if (dependency.lifecycle.claimForLinking()) {
                        importedBy.put(dependency, current);
                        attempt.add(dependency);
                        pending.add(dependency);
                    }
                }
            }
        } catch (RuntimeException | Error failure) {
            VmException error = failure instanceof VmException vmError ? vmError
                    : new ModuleLinkException("Linking " + identifier + " failed: " + ErrorTranslator.describe(failure), null,
                            current.identifier, failure);
            for (GraalModule module = current; module != null; module = importedBy.get(module)) {
                module.lifecycle.fail(error, true);
            }
            for (GraalModule module : attempt) {
                module.lifecycle.abandonLinking();
            }
            throw failure;
        }
        instantiate(attempt);
    }

    /**
     * What V8 checks when Node instantiates a graph, then the modules of {@code attempt} linked; a
     * failure leaves every module of the attempt unlinked.
     */
    static void instantiate(List<GraalModule> attempt) {
        try {
            for (GraalModule module : attempt) {
                module.checkImports();
            }
        } catch (RuntimeException | Error failure) {
            for (GraalModule module : attempt) {
                module.lifecycle.abandonLinking();
            }
            throw failure;
        }
        for (GraalModule module : attempt) {
            module.lifecycle.instantiated();
        }
    }

    /**
     * Fails when this module imports a name that a dependency does not export, as V8 does when Node
     * instantiates a graph; GraalJS would only find out when it evaluates.
     */
    void checkImports() {}

    /**
     * The names this module exports, when they are known before evaluation; {@code visiting} guards
     * against cycles of {@code export *}.
     */
    Optional<Set<String>> exportNames(Set<GraalModule> visiting) {
        return Optional.empty();
    }

    /**
     * The specification's ResolveExport of export {@code name}, from what is known before evaluation;
     * {@code resolveSet} holds the (module, export name) pairs being resolved, which ends cycles.
     * Here: a module whose export names are its own bindings (synthetic, JSON).
     */
    ExportResolution resolveExport(String name, Set<ExportResolution.Binding> resolveSet) {
        Optional<Set<String>> names = exportNames(new HashSet<>());
        if (names.isEmpty()) {
            return ExportResolution.Unresolved.UNKNOWN;
        }
        return names.get().contains(name) ? new ExportResolution.Binding(this, name) : ExportResolution.Unresolved.NOT_FOUND;
    }

    /**
     * The value of export {@code name} of a linked module that has not started evaluating: what
     * Node reads from its namespace then.
     */
    @Nullable Object valueBeforeEvaluation(String name) {
        throw uninitialized(name);
    }

    /** The error reading an export before its binding is initialized: V8's. */
    final JsException uninitialized(String name) {
        return new JsException("ReferenceError", "Cannot access '" + name + "' before initialization: " + identifier
                + " has not been evaluated", null, List.of());
    }

    /** Whether {@link #evaluate} links the module when it is unlinked: for modules without dependencies, as Node's synthetic modules. */
    boolean linksOnEvaluate() {
        return false;
    }

    /** Links this module, which an import hook returned, with no linker. */
    final void linkForImport() {
        if (status() == ModuleStatus.UNLINKED) {
            try {
                asModule().link();
            } catch (ModuleLinkException | IllegalStateException notLinkable) {
                throw new ModuleLinkException(identifier + " has dependencies and must be linked before an import hook returns it",
                        null, identifier, notLinkable);
            }
        }
    }

    public final void evaluate(RunOptions runOptions) {
        Objects.requireNonNull(runOptions, "runOptions must not be null");
        if (status() == ModuleStatus.UNLINKED && linksOnEvaluate()) {
            asModule().link();
        }
        ModuleStatus current = status();
        switch (current) {
            case UNLINKED, LINKING -> throw lifecycle.notEvaluable(current);
            case EVALUATING -> {
                // Re-entered from its own evaluation (a host function the body calls): Node's status error.
                // Otherwise its top-level await waits for a later run, and Node reports it evaluated.
                if (context.runner().isRunningOnCurrentThread()) {
                    throw lifecycle.notEvaluable(current);
                }
                return;
            }
            case EVALUATED -> {
                return;
            }
            case ERRORED -> throw lifecycle.error();
            case LINKED -> { }
        }
        try {
            context.run(runOptions, converter -> {
                context.modules().evaluate(this);
                return null;
            });
        } catch (ScriptTimeoutException | ResourceExhaustedException | ContextClosedException stopped) {
            lifecycle.fail(stopped, false);
            throw stopped;
        }
        if (status() == ModuleStatus.ERRORED) {
            throw lifecycle.error();
        }
        // Still linked: top-level await waits for something outside this run; a later run settles it.
        lifecycle.bodyStarted();
    }

    /*
     * Node's namespace exists once the module is linked; GraalJS creates it only when it evaluates the
     * module. Until then the namespace answers from what the text says (see ModuleBindings), and
     * from then on it reads the engine's namespace object: the same ModuleNamespace throughout.
     */
    public final ModuleNamespace namespace() {
        requireLinked();
        return new GraalModuleNamespace(this);
    }

    /** Node's check for operations on a linked graph: not unlinked, not linking, not errored by its link. */
    final void requireLinked() {
        lifecycle.requireLinked();
    }

    /** The engine's namespace object, or {@code null} before the engine has evaluated this module. */
    final @Nullable Value engineNamespace() {
        Value current = namespace;
        if (current == null && status() == ModuleStatus.EVALUATED) {
            // Evaluated as part of another graph without reporting its namespace (JSON): import it again.
            context.runOrJoin(null, converter -> {
                context.modules().evaluate(this);
                return null;
            });
            current = namespace;
        }
        return current;
    }

    /**
     * The export names before evaluation, sorted as JavaScript sorts namespace keys: as the
     * specification's namespace, without the names that two {@code export *} provide ambiguously.
     */
    final List<String> exportNamesBeforeEvaluation() {
        Set<String> names = exportNames(new HashSet<>()).orElseThrow(() -> new ModuleStatusException(
                "The export names of " + identifier + " are known once it is evaluated (its text has exports this library does not read ahead)",
                status()));
        return names.stream()
                .filter(name -> resolveExport(name, new HashSet<>()) != ExportResolution.Unresolved.AMBIGUOUS)
                .sorted()
                .toList();
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

    final @Nullable Object started(Value moduleNamespace) {
        if (loaded && lifecycle.bodyStarted()) {
            namespace = moduleNamespace;
            context.modules().started(this);
        }
        return null;
    }

    final @Nullable Object done() {
        if (status() == ModuleStatus.EVALUATING) {
            lifecycle.evaluated();
        }
        return null;
    }

    /** The graph evaluated from this module completed ({@code ok}) or was rejected with {@code value}. */
    final void settled(boolean ok, Value value) {
        if (ok) {
            namespace = value;
            lifecycle.evaluated();
            return;
        }
        if (status() == ModuleStatus.ERRORED) {
            return; // reported already: keep the first error
        }
        VmException limit = context.runner().statementLimitReached();
        VmException failure = limit != null ? limit : context.modules().translateRejection(context.converter(), value);
        for (GraalModule module : graph()) {
            if (module.status() == ModuleStatus.EVALUATING) {
                module.lifecycle.fail(failure, false);
            }
        }
        lifecycle.fail(failure, false);
    }

    /** Marks this module evaluated; for modules whose evaluation cannot fail once loaded (JSON, checked at creation). */
    final void evaluatedOnLoad() {
        loaded = true;
        lifecycle.evaluated();
    }

    /** Whether this module's graph, itself included, holds one of {@code modules}. */
    final boolean reachesAny(Collection<GraalModule> modules) {
        Set<GraalModule> graph = graph();
        return modules.stream().anyMatch(graph::contains);
    }

    /**
     * {@code stop} cut short this module's body, or the body of a module it waits for: the engine
     * will never settle its evaluation.
     */
    final void cutShort(VmException stop) {
        lifecycle.fail(stop, false);
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

    @Override
    public String toString() {
        return getClass().getInterfaces()[0].getSimpleName() + "[" + identifier + ", " + status() + "]";
    }
}
