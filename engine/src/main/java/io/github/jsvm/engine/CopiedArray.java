package io.github.jsvm.engine;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * A guest array copied to Java: an unmodifiable list of its elements. Filled by the converter
 * before anyone sees it; cyclic and shared copies print, hash and compare without recursing forever
 * (see {@link CycleGuard}).
 */
final class CopiedArray extends AbstractList<Object> implements RandomAccess {
    private final List<Object> elements;

    CopiedArray(int expectedSize) {
        this.elements = new ArrayList<>(expectedSize);
    }

    /** Only while converting, before the copy is handed out. */
    void append(@Nullable Object element) {
        elements.add(element);
    }

    @Override
    public Object get(int index) {
        return elements.get(index);
    }

    @Override
    public int size() {
        return elements.size();
    }

    @Override
    public String toString() {
        return CycleGuard.print(this, () -> {
            StringJoiner text = new StringJoiner(", ", "[", "]");
            for (Object element : elements) {
                String printed = String.valueOf(element);
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
