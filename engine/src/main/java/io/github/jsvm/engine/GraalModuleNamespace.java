package io.github.jsvm.engine;

import io.github.jsvm.InvalidArgumentException;
import io.github.jsvm.Module;
import io.github.jsvm.ModuleNamespace;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.graalvm.polyglot.Value;
import org.jspecify.annotations.Nullable;

/**
 * Live reads of a module namespace. Before the engine evaluates the module, reads answer as Node's
 * namespace of a linked module does (its names; bindings not initialized yet); from then on, each
 * read is a short run in the module's context on the engine's namespace object.
 */
final class GraalModuleNamespace implements ModuleNamespace {
    private final GraalModule module;

    GraalModuleNamespace(GraalModule module) {
        this.module = module;
    }

    @Override
    public Module module() {
        return module.asModule();
    }

    GraalModule graalModule() {
        return module;
    }

    @Override
    public List<String> names() {
        Value namespace = module.engineNamespace();
        if (namespace == null) {
            return module.exportNamesBeforeEvaluation();
        }
        return module.graalContext().runOrJoin(null, converter -> List.copyOf(namespace.getMemberKeys()));
    }

    @Override
    public @Nullable Object get(String name) {
        Objects.requireNonNull(name, "name must not be null");
        Value namespace = module.engineNamespace();
        if (namespace == null) {
            if (!module.exportNamesBeforeEvaluation().contains(name)) {
                throw noSuchExport(name);
            }
            return module.valueBeforeEvaluation(name);
        }
        return module.graalContext().runOrJoin(null, converter -> {
            if (!namespace.hasMember(name)) {
                throw noSuchExport(name);
            }
            return converter.toJava(namespace.getMember(name));
        });
    }

    @Override
    public Map<String, @Nullable Object> toMap() {
        Value namespace = module.engineNamespace();
        if (namespace == null) {
            Map<String, Object> exports = new LinkedHashMap<>();
            for (String name : module.exportNamesBeforeEvaluation()) {
                exports.put(name, module.valueBeforeEvaluation(name));
            }
            return Collections.unmodifiableMap(exports);
        }
        return module.graalContext().runOrJoin(null, converter -> {
            Map<String, Object> exports = new LinkedHashMap<>();
            for (String name : new ArrayList<>(namespace.getMemberKeys())) {
                exports.put(name, converter.toJava(namespace.getMember(name)));
            }
            return Collections.unmodifiableMap(exports);
        });
    }

    private InvalidArgumentException noSuchExport(String name) {
        return new InvalidArgumentException(module.identifier() + " has no export '" + name + "'");
    }

    @Override
    public String toString() {
        return "ModuleNamespace[" + module.identifier() + "]";
    }
}
