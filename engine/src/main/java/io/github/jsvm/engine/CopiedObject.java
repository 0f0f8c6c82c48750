package io.github.jsvm.engine;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * A guest object copied to Java: an unmodifiable map of its own enumerable string-keyed properties
 * in property order. Filled by the converter before anyone sees it; cyclic copies (a property that
 * leads back to the object) print, hash and compare without recursing forever (see {@link CycleGuard}).
 */
final class CopiedObject extends AbstractMap<String, Object> {
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final Set<Entry<String, Object>> entries = Collections.unmodifiableMap(properties).entrySet();

    /** Only while converting, before the copy is handed out. */
    void define(String key, @Nullable Object value) {
        properties.put(key, value);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return entries;
    }

    @Override
    public @Nullable Object get(Object key) {
        return properties.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return properties.containsKey(key);
    }

    @Override
    public int size() {
        return properties.size();
    }

    @Override
    public String toString() {
        return CycleGuard.print(this, () -> {
            StringJoiner text = new StringJoiner(", ", "{", "}");
            for (Map.Entry<String, Object> property : properties.entrySet()) {
                String printed = property.getKey() + "=" + property.getValue();
                text.add(printed);
                if (!CycleGuard.printMore(printed.length() + 2)) {
                    text.add(CycleGuard.ELIDED);
                    break;
                }
            }
            return text.toString();
        });
    }

    @Override
    public int hashCode() {
        return CycleGuard.hash(this, super::hashCode);
    }

    @Override
    public boolean equals(Object other) {
        return other == this || CycleGuard.equal(this, other, () -> super.equals(other));
    }
}
