package io.github.jsvm.leaktest;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Asks the JVM for collections of increasing strength, and proves that they happened. */
final class GarbageCollector {
    private static final int CHUNK = 4 << 20;

    private GarbageCollector() {}

    /**
     * Calls {@code System.gc()} until a fresh canary object is collected (so a collection that could
     * reclaim unreachable objects has run) or {@code wait} has passed; then returns {@code done}.
     */
    static boolean gc(BooleanSupplier done, Duration wait) {
        WeakReference<Object> canary = new WeakReference<>(new Object());
        long deadline = System.nanoTime() + wait.toNanos();
        do {
            System.gc();
            if (canary.refersTo(null) && done.getAsBoolean()) {
                return true;
            }
            pause();
        } while (System.nanoTime() < deadline && !canary.refersTo(null));
        System.gc();
        return done.getAsBoolean();
    }

    /**
     * Fills the heap in chunks until an allocation fails, which makes the JVM clear every soft
     * reference first, then drops the chunks and collects. Only for a JVM that runs nothing else
     * that could fail meanwhile (a test JVM).
     */
    static boolean pressure(BooleanSupplier done, Duration wait) {
        List<byte[]> chunks = new ArrayList<>();
        try {
            while (true) {
                chunks.add(new byte[CHUNK]);
            }
        } catch (OutOfMemoryError expected) {
            chunks.clear();
        }
        return gc(done, wait);
    }

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
