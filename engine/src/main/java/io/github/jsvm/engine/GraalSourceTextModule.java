package io.github.jsvm.engine;

import io.github.jsvm.ImportMetaInitializer;
import io.github.jsvm.InvalidArgumentException;
import io.github.jsvm.Module;
import io.github.jsvm.ModuleLinkException;
import io.github.jsvm.ModuleLinker;
import io.github.jsvm.ModuleOptions;
import io.github.jsvm.ModuleRequest;
import io.github.jsvm.ModuleStatus;
import io.github.jsvm.ModuleStatusException;
import io.github.jsvm.SourceTextModule;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A module from source text. The engine loads the user's text with one generated prefix on its first
 * line (report the start, fill {@code import.meta}) and one generated line after it (report
 * completion); positions on the first line are shifted back in stack traces.
 */
final class GraalSourceTextModule extends GraalModule implements SourceTextModule {
    private final String text;
    /* Everything read from the text, in one scan: linking reads the bindings of every module anyway. */
    private final ModuleRequestScanner.ModuleScan scan;
    /* The generated prefix is built again when needed: a module lives as long as its context, its text is read once. */
    private final int prologueLength;
    private final Map<String, GraalModule> linked = new ConcurrentHashMap<>();
    /* Kept for requests the scan missed, which the engine then asks for lazily. */
    private volatile @Nullable ModuleLinker linker;
    /* Set by linkRequests: the requests are resolved, and instantiate() may link the graph. */
    private volatile boolean requestsLinked;
    private volatile boolean metaInitialized;
    private final Predicate<String> topLevelAwait;
    /* Asked on first need: null, then TRUE or FALSE. */
    private volatile @Nullable Boolean awaitsAtTopLevel;

    /** @param scan what {@link ModuleRequestScanner#scan} reads from {@code text} */
    GraalSourceTextModule(GraalContext context, String identifier, ModuleAddress address, ModuleOptions options, String text,
            ModuleRequestScanner.ModuleScan scan, Predicate<String> topLevelAwait) {
        super(context, identifier, address, options);
        this.text = text;
        this.topLevelAwait = topLevelAwait;
        this.scan = scan;
        this.prologueLength = prologue().length();
    }

    @Override
    public List<ModuleRequest> moduleRequests() {
        return scan.requests();
    }

    @Override
    String engineText() {
        // A hashbang is only valid at the very start; as a comment of the same length it keeps positions.
        String body = text.startsWith("#!") ? "//" + text.substring(2) : text;
        return prologue() + body + "\n;" + ModuleBridge.doneCall(token());
    }

    /** The generated first-line prefix: report the start, fill {@code import.meta}. */
    private String prologue() {
        return ModuleBridge.startedCall(key(), token()) + (scan.usesImportMeta() ? ModuleBridge.metaCall(token()) : "");
    }

    @Override
    SourceOrigin origin() {
        return SourceOrigin.ofModule(identifier(), prologueLength);
    }

    @Override
    List<GraalModule> resolveRequests(ModuleLinker moduleLinker) {
        this.linker = moduleLinker;
        List<GraalModule> dependencies = new ArrayList<>(scan.requests().size());
        for (ModuleRequest request : scan.requests()) {
            dependencies.add(resolve(moduleLinker, request.specifier(), request.attributes()));
        }
        return dependencies;
    }

    private GraalModule resolve(ModuleLinker moduleLinker, String specifier, Map<String, String> attributes) {
        Module result;
        try {
            result = moduleLinker.link(specifier, this, attributes);
        } catch (ModuleLinkException failure) {
            throw failure;
        } catch (OutOfMemoryError heapFull) {
            throw heapFull; // link() still puts the graph back
        } catch (Exception | Error failure) {
            throw new ModuleLinkException("Linking " + identifier() + " failed: the linker threw for '" + specifier + "': "
                    + ErrorTranslator.describe(failure), specifier, identifier(), failure);
        }
        GraalModule dependency = usableDependency(specifier, result);
        linked.putIfAbsent(specifier, dependency);
        return dependency;
    }

    /** {@code result} as this module's dependency for {@code specifier}; fails as Node's linking does when it cannot be one. */
    private GraalModule usableDependency(String specifier, Module result) {
        if (!(result instanceof GraalModule dependency) || dependency.graalContext() != graalContext()) {
            throw new ModuleLinkException("Linking " + identifier() + " failed: the linker returned "
                    + (result == null ? "null" : result + ", which is not a module of " + graalContext())
                    + " for '" + specifier + "'", specifier, identifier(), null);
        }
        if (dependency.status() == ModuleStatus.ERRORED) {
            throw new ModuleLinkException("Linking " + identifier() + " failed: the request for '" + specifier
                    + "' resolved to an errored module, " + dependency.identifier(), specifier, identifier(), dependency.error());
        }
        return dependency;
    }

    @Override
    public void linkRequests(List<? extends Module> modules) {
        Objects.requireNonNull(modules, "modules must not be null");
        synchronized (this) {
            lifecycle().requireLinkable(requestsLinked);
            if (modules.size() != scan.requests().size()) {
                throw new InvalidArgumentException(identifier() + " has " + scan.requests().size()
                        + " module requests (see moduleRequests()); linkRequests was given " + modules.size() + " modules");
            }
            Map<String, GraalModule> resolved = new LinkedHashMap<>();
            for (int i = 0; i < scan.requests().size(); i++) {
                String specifier = scan.requests().get(i).specifier();
                GraalModule dependency = usableDependency(specifier, modules.get(i));
                GraalModule earlier = resolved.putIfAbsent(specifier, dependency);
                if (earlier != null && earlier != dependency) {
                    throw new InvalidArgumentException(identifier() + " requests '" + specifier
                            + "' more than once, and linkRequests was given different modules for it");
                }
            }
            linked.putAll(resolved);
            requestsLinked = true;
        }
    }

    @Override
    public void instantiate() {
        ModuleStatus current = status();
        if (current != ModuleStatus.UNLINKED) {
            if (current == ModuleStatus.LINKING) {
                throw new ModuleStatusException("Module status must not be linking: " + identifier(), current);
            }
            return; // instantiated already, as V8's InstantiateModule allows
        }
        List<GraalModule> attempt = new ArrayList<>();
        ArrayDeque<GraalModule> pending = new ArrayDeque<>(List.of(this));
        try {
            while (!pending.isEmpty()) {
                GraalModule module = pending.poll();
                if (!module.lifecycle().claimForLinking()) {
                    continue;
                }
                attempt.add(module);
                if (module instanceof GraalSourceTextModule source && !source.scan.requests().isEmpty() && !source.requestsLinked) {
                    throw new ModuleLinkException("Instantiating " + identifier() + " failed: the requests of " + source.identifier()
                            + " are not linked; call linkRequests on every module of the graph first", null, source.identifier(), null);
                }
                pending.addAll(module.dependencies());
            }
        } catch (RuntimeException | Error failure) {
            for (GraalModule module : attempt) {
                module.lifecycle().abandonLinking();
            }
            throw failure;
        }
        GraalModule.instantiate(attempt);
    }

    @Override
    public boolean hasTopLevelAwait() {
        Boolean known = awaitsAtTopLevel;
        if (known == null) {
            known = topLevelAwait.test(text);
            awaitsAtTopLevel = known;
        }
        return known;
    }

    @Override
    public boolean hasAsyncGraph() {
        requireLinked();
        Set<GraalModule> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<GraalModule> pending = new ArrayDeque<>(List.of(this));
        while (!pending.isEmpty()) {
            GraalModule module = pending.poll();
            if (seen.add(module)) {
                if (module instanceof GraalSourceTextModule source && source.hasTopLevelAwait()) {
                    return true;
                }
                pending.addAll(module.dependencies());
            }
        }
        return false;
    }

    @Override
    void checkImports() {
        ModuleBindings own = scan.bindings();
        if (!own.complete()) {
            return;
        }
        own.importedNames().forEach((specifier, names) -> {
            GraalModule dependency = linked.get(specifier);
            if (dependency == null) {
                return;
            }
            for (String name : names) {
                String problem = switch (dependency.resolveExport(name, new HashSet<>())) {
                    case ExportResolution.Unresolved.NOT_FOUND -> "does not provide an export named '";
                    case ExportResolution.Unresolved.AMBIGUOUS -> "contains conflicting star exports for name '";
                    default -> null; // resolved, or unknown until the engine evaluates
                };
                if (problem != null) {
                    throw new ModuleLinkException("SyntaxError: The requested module '" + specifier + "' " + problem + name
                            + "' (imported by " + identifier() + ")", specifier, identifier(), null);
                }
            }
        });
    }

    @Override
    ExportResolution resolveExport(String name, Set<ExportResolution.Binding> resolveSet) {
        ModuleBindings own = scan.bindings();
        if (!own.complete()) {
            return ExportResolution.Unresolved.UNKNOWN;
        }
        if (!resolveSet.add(new ExportResolution.Binding(this, name))) {
            return ExportResolution.Unresolved.NOT_FOUND; // a circular import request
        }
        ModuleBindings.Target target = own.targets().get(name);
        if (target != null) {
            if (target.specifier() == null) {
                return new ExportResolution.Binding(this, target.name());
            }
            GraalModule dependency = linked.get(target.specifier());
            if (dependency == null) {
                return ExportResolution.Unresolved.UNKNOWN;
            }
            return target.name().equals(ModuleBindings.Target.NAMESPACE)
                    ? new ExportResolution.Binding(dependency, target.name())
                    : dependency.resolveExport(target.name(), resolveSet);
        }
        if (name.equals("default")) {
            return ExportResolution.Unresolved.NOT_FOUND; // export * never provides a default
        }
        ExportResolution starResolution = ExportResolution.Unresolved.NOT_FOUND;
        for (String specifier : own.starExports()) {
            GraalModule dependency = linked.get(specifier);
            if (dependency == null) {
                return ExportResolution.Unresolved.UNKNOWN;
            }
            ExportResolution resolution = dependency.resolveExport(name, resolveSet);
            if (resolution == ExportResolution.Unresolved.AMBIGUOUS || resolution == ExportResolution.Unresolved.UNKNOWN) {
                return resolution;
            }
            if (resolution instanceof ExportResolution.Binding) {
                if (starResolution == ExportResolution.Unresolved.NOT_FOUND) {
                    starResolution = resolution;
                } else if (!starResolution.equals(resolution)) {
                    return ExportResolution.Unresolved.AMBIGUOUS;
                }
            }
        }
        return starResolution;
    }

    @Override
    Optional<Set<String>> exportNames(Set<GraalModule> visiting) {
        ModuleBindings own = scan.bindings();
        if (!own.complete()) {
            return Optional.empty();
        }
        if (!visiting.add(this)) {
            return Optional.of(Set.of()); // a cycle of export * adds no name
        }
        Set<String> names = new LinkedHashSet<>(own.localExports());
        for (String specifier : own.starExports()) {
            GraalModule dependency = linked.get(specifier);
            Optional<Set<String>> starred = dependency == null ? Optional.empty()
                    : dependency.exportNames(visiting);
            if (starred.isEmpty()) {
                return Optional.empty();
            }
            starred.get().stream().filter(name -> !name.equals("default")).forEach(names::add);
        }
        return Optional.of(names);
    }

    @Override
    @Nullable Object valueBeforeEvaluation(String name) {
        ModuleBindings own = scan.bindings();
        ModuleBindings.Hoisted kind = own.hoisted().get(name);
        if (kind != null) {
            if (kind == ModuleBindings.Hoisted.VAR) {
                return null; // initialized to undefined when the module is instantiated
            }
            throw new ModuleStatusException("The function '" + name + "' exported by " + identifier()
                    + " exists once the module is linked in Node, but this library can read it only after evaluation", status());
        }
        return super.valueBeforeEvaluation(name);
    }

    @Override
    @Nullable GraalModule dependency(String specifier) {
        GraalModule self = super.dependency(specifier);
        if (self != null) {
            return self;
        }
        GraalModule dependency = linked.get(specifier);
        ModuleLinker lateLinker = linker;
        if (dependency == null && lateLinker != null) {
            dependency = resolve(lateLinker, specifier, Map.of());
            if (dependency.status() == ModuleStatus.UNLINKED) {
                dependency.link(lateLinker);
            }
        }
        return dependency;
    }

    @Override
    Collection<GraalModule> dependencies() {
        return linked.values();
    }

    /** The properties for this module's {@code import.meta}, as a guest object. */
    @Nullable Object importMeta() {
        ImportMetaInitializer initializer = options().initializeImportMeta();
        ValueConverter converter = graalContext().converter();
        if (status() != ModuleStatus.EVALUATING || metaInitialized) {
            throw converter.guestError("Error", "import.meta of " + identifier() + " is initialized already", null);
        }
        metaInitialized = true;
        if (initializer == null) {
            return converter.toGuest(Map.of(), "import.meta");
        }
        Map<String, ?> properties;
        try {
            properties = initializer.initialize(this);
        } catch (Exception | Error failure) {
            throw converter.hostFailure("initializeImportMeta failed for " + identifier(), failure);
        }
        return converter.toGuest(properties == null ? Map.of() : properties, "import.meta of " + identifier());
    }
}
