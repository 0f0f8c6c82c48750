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

/** Live reads of a module namespace object; each read is a short run in the module's context. */
final class GraalModuleNamespace implements ModuleNamespace {
    private final GraalModule module;
    private final Value namespace;

    GraalModuleNamespace(GraalModule module, Value namespace) {
        this.module = module;
        this.namespace = namespace;
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
        return module.graalContext().inRun(null, converter -> List.copyOf(namespace.getMemberKeys()));
    }

    @Override
    public Object get(String name) {
        Objects.requireNonNull(name, "name must not be null");
        return module.graalContext().inRun(null, converter -> {
            if (!namespace.hasMember(name)) {
                throw new InvalidArgumentException(module.identifier() + " has no export '" + name + "'");
            }
            return converter.toJava(namespace.getMember(name));
        });
    }

    @Override
    public Map<String, Object> toMap() {
        return module.graalContext().inRun(null, converter -> {
            Map<String, Object> exports = new LinkedHashMap<>();
            for (String name : new ArrayList<>(namespace.getMemberKeys())) {
                exports.put(name, converter.toJava(namespace.getMember(name)));
            }
            return Collections.unmodifiableMap(exports);
        });
    }

    @Override
    public String toString() {
        return "ModuleNamespace[" + module.identifier() + "]";
    }
}
