package io.github.jsvm.engine;

import org.jspecify.annotations.Nullable;

/**
 * A little of the heap kept aside, given back the moment a run meets an {@code OutOfMemoryError}, so
 * that reporting it and closing the context that filled the heap do not fail for want of memory
 * (a guest that fills the heap in small steps leaves none at all). One per JVM, since the heap it
 * protects is the JVM's; taken again when the next run starts, if memory allows.
 */
final class HeapReserve {
    private static final int SIZE = 2 << 20;
    private static volatile byte @Nullable [] reserve = new byte[SIZE];

    private HeapReserve() {}

    /** Gives the reserve back to the heap. */
    static void release() {
        reserve = null;
    }

    /** Takes the reserve again if it was given back and the heap has room; one volatile read otherwise. */
    static void restore() {
        if (reserve == null) {
            try {
                reserve = new byte[SIZE];
            } catch (OutOfMemoryError stillFull) {
                // Try again at the next run.
            }
        }
    }
}
