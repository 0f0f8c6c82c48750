package io.github.jsvm.engine;

import io.github.jsvm.ImportMetaInitializer;
import io.github.jsvm.Module;
import io.github.jsvm.ModuleLinkException;
import io.github.jsvm.ModuleLinker;
import io.github.jsvm.ModuleOptions;
import io.github.jsvm.ModuleRequest;
import io.github.jsvm.ModuleStatus;
import io.github.jsvm.SourceTextModule;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A module from source text. The engine loads the user's text with one generated prefix on its first
 * line (report the start, fill {@code import.meta}) and one generated line after it (report
 * completion); positions on the first line are shifted back in stack traces.
 */
final class GraalSourceTextModule extends GraalModule implements SourceTextModule {
    private final String text;
    private final List<ModuleRequest> requests;
    private final String prologue;
    private final Map<String, GraalModule> linked = new ConcurrentHashMap<>();
    /* Kept for requests the scan missed, which the engine then asks for lazily. */
    private volatile ModuleLinker linker;
    private volatile boolean metaInitialized;
    /* Read from the text on first need (linking checks, the namespace before evaluation). */
    private volatile ModuleBindings bindings;

    GraalSourceTextModule(GraalContext context, String identifier, String key, ModuleOptions options, String text) {
        super(context, identifier, key, options);
        this.text = text;
        this.requests = ModuleRequestScanner.moduleRequests(text).stream()
                .map(request -> new ModuleRequest(request.specifier(), request.attributes()))
                .toList();
        this.prologue = startedCall() + (ModuleRequestScanner.usesImportMeta(text)
                ? ContextModules.host() + ".meta(import.meta, " + JsStrings.quote(key) + ");"
                : "");
    }

    @Override
    public List<ModuleRequest> moduleRequests() {
        return requests;
    }

    @Override
    String engineText() {
        // A hashbang is only valid at the very start; as a comment of the same length it keeps positions.
        String body = text.startsWith("#!") ? "//" + text.substring(2) : text;
        return prologue + body + "\n;" + doneCall();
    }

    @Override
    SourceOrigin origin() {
        return SourceOrigin.of(identifier(), 0, -prologue.length());
    }

    @Override
    List<GraalModule> linkRequests(ModuleLinker moduleLinker) {
        this.linker = moduleLinker;
        List<GraalModule> dependencies = new java.util.ArrayList<>(requests.size());
        for (ModuleRequest request : requests) {
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
        } catch (Exception failure) {
            throw new ModuleLinkException("Linking " + identifier() + " failed: the linker threw for '" + specifier + "': "
                    + failure, specifier, identifier(), failure);
        }
        if (!(result instanceof GraalModule dependency) || dependency.graalContext() != graalContext()) {
            throw new ModuleLinkException("Linking " + identifier() + " failed: the linker returned "
                    + (result == null ? "null" : result + ", which is not a module of " + graalContext())
                    + " for '" + specifier + "'", specifier, identifier(), null);
        }
        if (dependency.status() == ModuleStatus.ERRORED) {
            throw new ModuleLinkException("Linking " + identifier() + " failed: the request for '" + specifier
                    + "' resolved to an errored module, " + dependency.identifier(), specifier, identifier(), dependency.error());
        }
        linked.putIfAbsent(specifier, dependency);
        return dependency;
    }

    private ModuleBindings bindings() {
        ModuleBindings current = bindings;
        if (current == null) {
            current = ModuleBindings.of(text);
            bindings = current;
        }
        return current;
    }

    @Override
    void checkImports() {
        ModuleBindings own = bindings();
        if (!own.complete()) {
            return;
        }
        own.importedNames().forEach((specifier, names) -> {
            GraalModule dependency = linked.get(specifier);
            if (dependency == null) {
                return;
            }
            dependency.exportNames(new java.util.HashSet<>()).ifPresent(exported -> {
                for (String name : names) {
                    if (!exported.contains(name)) {
                        throw new ModuleLinkException("SyntaxError: The requested module '" + specifier
                                + "' does not provide an export named '" + name + "' (imported by " + identifier() + ")",
                                specifier, identifier(), null);
                    }
                }
            });
        });
    }

    @Override
    java.util.Optional<java.util.Set<String>> exportNames(java.util.Set<GraalModule> visiting) {
        ModuleBindings own = bindings();
        if (!own.complete()) {
            return java.util.Optional.empty();
        }
        if (!visiting.add(this)) {
            return java.util.Optional.of(java.util.Set.of()); // a cycle of export * adds no name
        }
        java.util.Set<String> names = new java.util.LinkedHashSet<>(own.localExports());
        for (String specifier : own.starExports()) {
            GraalModule dependency = linked.get(specifier);
            java.util.Optional<java.util.Set<String>> starred = dependency == null ? java.util.Optional.empty()
                    : dependency.exportNames(visiting);
            if (starred.isEmpty()) {
                return java.util.Optional.empty();
            }
            starred.get().stream().filter(name -> !name.equals("default")).forEach(names::add);
        }
        return java.util.Optional.of(names);
    }

    @Override
    Object valueBeforeEvaluation(String name) {
        ModuleBindings own = bindings();
        ModuleBindings.Hoisted kind = own.hoisted().get(name);
        if (kind != null) {
            if (kind == ModuleBindings.Hoisted.VAR) {
                return null; // initialized to undefined when the module is instantiated
            }
            throw new io.github.jsvm.ModuleStatusException("The function '" + name + "' exported by " + identifier()
                    + " exists once the module is linked in Node, but this library can read it only after evaluation", status());
        }
        return super.valueBeforeEvaluation(name);
    }

    @Override
    GraalModule dependency(String specifier) {
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
    Object importMeta() {
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
        } catch (Exception failure) {
            throw converter.hostFailure("initializeImportMeta failed for " + identifier(), failure);
        }
        return converter.toGuest(properties == null ? Map.of() : properties, "import.meta of " + identifier());
    }
}
