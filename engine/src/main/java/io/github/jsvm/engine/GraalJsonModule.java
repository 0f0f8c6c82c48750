package io.github.jsvm.engine;

import io.github.jsvm.Module;
import io.github.jsvm.ModuleOptions;
import java.util.Optional;
import java.util.Set;

/**
 * A JSON module: the engine parses the text itself (it was checked when the module was created),
 * served under a {@code .json} key so that the engine treats it as JSON.
 */
final class GraalJsonModule extends GraalModule implements Module.Json {
    private final String json;

    GraalJsonModule(GraalContext context, String identifier, ModuleAddress address, ModuleOptions options, String json) {
        super(context, identifier, address, options);
        this.json = json;
    }

    @Override
    void loaded() {
        // The engine parses JSON as it loads it, and the text was checked at creation: nothing can fail later.
        evaluatedOnLoad();
    }

    @Override
    Optional<Set<String>> exportNames(Set<GraalModule> visiting) {
        return Optional.of(Set.of("default"));
    }

    @Override
    String engineText() {
        return json;
    }
}
