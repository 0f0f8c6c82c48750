package io.github.jsvm.leaktest;

import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Leak checks for JUnit 5 (or any test framework: failures are {@link AssertionError}s) that avoid
 * the false positives of checks that trust one {@code System.gc()}, and say why when they fail.
 *
 * <ul>
 *   <li>{@link #assertCollectable}: creates samples from a factory, one at a time, and passes as soon
 *       as any sample has been collected. The collection effort escalates only when needed: a
 *       {@code System.gc()} with a canary that proves a collection ran, then allocation pressure (which
 *       clears soft references), then a live heap dump (a forced full collection). It fails only after
 *       {@link LeakTestOptions#maxSamples()} samples or {@link LeakTestOptions#timeLimit()}, with the
 *       retention path of a surviving sample, read from the kept heap dump.
 *   <li>{@link #assertCollectableByCounting}: counts live instances of a class after full
 *       collections, before and after a batch, and fails unless some of the batch are gone.
 *   <li>{@link #assertStaysAlive}: the opposite check: an object must survive every collection while
 *       its holder is reachable.
 * </ul>
 * Polls with {@link Reference#refersTo(Object) refersTo(null)}, which never resurrects a referent.
 * Not thread-safe; allocation pressure is meant for a JVM that runs only the test.
 */
public final class LeakTester {
    private static final Duration GC_WAIT = Duration.ofMillis(500);

    private final LeakTestOptions options;

    private LeakTester(LeakTestOptions options) {
        this.options = options;
    }

    /** A tester with {@link LeakTestOptions#defaults()}. */
    public static LeakTester create() {
        return new LeakTester(LeakTestOptions.defaults());
    }

    /** A tester with {@code options}. */
    public static LeakTester create(LeakTestOptions options) {
        return new LeakTester(Objects.requireNonNull(options, "options must not be null"));
    }

    public LeakTestOptions options() {
        return options;
    }

    /**
     * Passes once any object {@code factory} created has been garbage-collected. The factory must not
     * keep what it returns reachable (the check drops its own reference at once).
     *
     * @param description names the samples in the failure message and the heap dump's file name
     * @return how the check went
     * @throws AssertionError naming the retention path of a surviving sample and the kept heap dump
     */
    public CollectionReport assertCollectable(String description, Supplier<?> factory) {
        Objects.requireNonNull(factory, "factory must not be null");
        long start = System.nanoTime();
        long deadline = start + options.scaled(options.timeLimit()).toNanos();
        Duration gcWait = options.scaled(GC_WAIT);
        List<WeakReference<Object>> samples = new ArrayList<>();
        String sampleClass = null;
        while (samples.size() < options.maxSamples() && System.nanoTime() < deadline) {
            WeakReference<Object> sample = createDropped(factory);
            if (sampleClass == null && !sample.refersTo(null)) {
                Object created = sample.get();
                sampleClass = created == null ? null : created.getClass().getName();
            }
            samples.add(sample);
            if (GarbageCollector.gc(() -> anyCollected(samples), gcWait)) {
                return report(samples, CollectionReport.Effort.GC, start);
            }
            if (options.clearSoftReferences() && GarbageCollector.pressure(() -> anyCollected(samples), gcWait)) {
                return report(samples, CollectionReport.Effort.ALLOCATION_PRESSURE, start);
            }
        }
        Path dump = HeapDumps.dumpLiveHeap(dumpFile(description));
        if (anyCollected(samples)) {
            dump.toFile().delete();
            return report(samples, CollectionReport.Effort.HEAP_DUMP, start);
        }
        String path = sampleClass == null ? "(the factory returned null)" : HeapDumps.retentionPath(dump, sampleClass);
        Reference.reachabilityFence(samples);
        throw new AssertionError(description + ": none of " + samples.size() + " samples was collected within "
                + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms (every escalation up to a heap dump)."
                + "\nRetention path of a surviving " + sampleClass + ":\n" + path + "\nHeap dump kept at " + dump.toAbsolutePath());
    }

    /**
     * Counts live instances of {@code type} after full collections, creates {@code batchSize} objects
     * with {@code createOne} (dropping them), counts again, and passes when fewer than
     * {@code batchSize} new instances survive (Node's {@code checkIfCollectableByCounting}).
     *
     * @return the number of the batch's instances that were collected
     * @throws AssertionError naming the retention path of a surviving instance
     */
    public long assertCollectableByCounting(String description, Class<?> type, int batchSize, IntFunction<?> createOne) {
        Objects.requireNonNull(type, "type must not be null");
        Objects.requireNonNull(createOne, "createOne must not be null");
        long before = HeapDumps.liveInstances(type.getName());
        for (int i = 0; i < batchSize; i++) {
            createOne.apply(i);
        }
        collectGarbage();
        long survivors = HeapDumps.liveInstances(type.getName()) - before;
        if (survivors < batchSize) {
            return batchSize - survivors;
        }
        Path dump = HeapDumps.dumpLiveHeap(dumpFile(description));
        throw new AssertionError(description + ": all " + batchSize + " new " + type.getName() + " instances survived full "
                + "collections (" + before + " before the batch, " + (before + survivors) + " after).\nRetention path of one:\n"
                + HeapDumps.retentionPath(dump, type.getName()) + "\nHeap dump kept at " + dump.toAbsolutePath());
    }

    /**
     * Passes when {@code target} survives every collection effort short of a heap dump while
     * {@code holder}, which should need it, is kept reachable.
     *
     * @throws AssertionError when {@code target} was collected anyway
     */
    public void assertStaysAlive(String description, WeakReference<?> target, Object holder) {
        Objects.requireNonNull(target, "target must not be null");
        Duration gcWait = options.scaled(GC_WAIT);
        boolean collected = GarbageCollector.gc(() -> target.refersTo(null), gcWait)
                || options.clearSoftReferences() && GarbageCollector.pressure(() -> target.refersTo(null), gcWait);
        Reference.reachabilityFence(holder);
        if (collected) {
            throw new AssertionError(description + ": the object was collected although " + holder + " was still reachable");
        }
    }

    /**
     * The strongest collection short of a heap dump: {@code System.gc()} until a canary is collected,
     * then, if the options say so, allocation pressure that clears soft references. For tests that
     * count survivors themselves.
     */
    public void collectGarbage() {
        Duration gcWait = options.scaled(GC_WAIT);
        GarbageCollector.gc(() -> true, gcWait);
        if (options.clearSoftReferences()) {
            GarbageCollector.pressure(() -> true, gcWait);
        }
    }

    private static WeakReference<Object> createDropped(Supplier<?> factory) {
        return new WeakReference<>(factory.get());
    }

    private static boolean anyCollected(List<WeakReference<Object>> samples) {
        for (WeakReference<Object> sample : samples) {
            if (sample.refersTo(null)) {
                return true;
            }
        }
        return false;
    }

    private static CollectionReport report(List<WeakReference<Object>> samples, CollectionReport.Effort effort, long start) {
        return new CollectionReport(samples.size(), effort, Duration.ofNanos(System.nanoTime() - start));
    }

    private Path dumpFile(String description) {
        String safe = description.replaceAll("[^A-Za-z0-9._-]+", "-");
        return options.dumpDirectory().resolve(safe + "-" + ProcessHandle.current().pid() + ".hprof");
    }
}
