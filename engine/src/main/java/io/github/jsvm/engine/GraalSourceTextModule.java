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
    void linkDependencies(ModuleLinker moduleLinker) {
        this.linker = moduleLinker;
        for (ModuleRequest request : requests) {
            resolve(moduleLinker, request.specifier(), request.attributes());
        }
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
        linked.putIfAbsent(specifier, dependency);
        if (dependency.status() == ModuleStatus.UNLINKED) {
            dependency.link(moduleLinker);
        }
        return dependency;
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
