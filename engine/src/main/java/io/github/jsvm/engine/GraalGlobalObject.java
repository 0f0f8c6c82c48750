package io.github.jsvm.engine;

import io.github.jsvm.GlobalObject;
import io.github.jsvm.PropertyDescriptor;
import io.github.jsvm.RunOptions;
import io.github.jsvm.VmContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.graalvm.polyglot.Value;
import org.jspecify.annotations.Nullable;

/** {@link GlobalObject} on GraalJS: each operation a short guarded run of a captured guest helper. */
final class GraalGlobalObject implements GlobalObject {
    private final GraalContext context;

    GraalGlobalObject(GraalContext context) {
        this.context = context;
    }

    @Override
    public VmContext context() {
        return context;
    }

    @Override
    public @Nullable Object get(String name) {
        Objects.requireNonNull(name, "name must not be null");
        return context.global(name);
    }

    @Override
    public void set(String name, @Nullable Object value) {
        context.setGlobal(name, value);
    }

    @Override
    public boolean delete(String name) {
        Objects.requireNonNull(name, "name must not be null");
        return context.run(RunOptions.defaults(), converter -> converter.globalObjectOps().invokeMember("delete", name).asBoolean());
    }

    @Override
    public boolean hasOwn(String name) {
        Objects.requireNonNull(name, "name must not be null");
        return context.run(RunOptions.defaults(), converter -> converter.globalObjectOps().invokeMember("hasOwn", name).asBoolean());
    }

    @Override
    public void defineProperty(String name, PropertyDescriptor descriptor) {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(descriptor, "descriptor must not be null");
        context.run(RunOptions.defaults(), converter -> {
            String where = "property '" + name + "'";
            converter.globalObjectOps().invokeMember("define", name, descriptor.accessor(), converter.toGuest(descriptor.value(), where),
                    converter.toGuest(descriptor.getter(), "getter of " + where), converter.toGuest(descriptor.setter(), "setter of " + where),
                    descriptor.writable(), descriptor.enumerable(), descriptor.configurable());
            return null;
        });
    }

    @Override
    public Optional<PropertyDescriptor> getOwnPropertyDescriptor(String name) {
        Objects.requireNonNull(name, "name must not be null");
        return context.run(RunOptions.defaults(), converter -> {
            Value d = converter.globalObjectOps().invokeMember("describe", name);
            if (d.isNull()) {
                return Optional.empty();
            }
            boolean accessor = d.getArrayElement(0).asBoolean();
            boolean enumerable = d.getArrayElement(5).asBoolean();
            boolean configurable = d.getArrayElement(6).asBoolean();
            return Optional.of(accessor
                    ? PropertyDescriptor.accessor(converter.toJava(d.getArrayElement(2)), converter.toJava(d.getArrayElement(3)), enumerable, configurable)
                    : PropertyDescriptor.data(converter.toJava(d.getArrayElement(1)), d.getArrayElement(4).asBoolean(), enumerable, configurable));
        });
    }

    @Override
    public List<String> ownKeys() {
        return context.run(RunOptions.defaults(), converter -> {
            Value keys = converter.globalObjectOps().invokeMember("ownKeys");
            List<String> result = new ArrayList<>((int) keys.getArraySize());
            for (long i = 0; i < keys.getArraySize(); i++) {
                result.add(keys.getArrayElement(i).asString());
            }
            return List.copyOf(result);
        });
    }

    @Override
    public String toString() {
        return "GlobalObject[" + context + "]";
    }
}
