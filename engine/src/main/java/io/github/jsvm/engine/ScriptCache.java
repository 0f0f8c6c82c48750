package io.github.jsvm.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Scheduler;
import io.github.jsvm.ImportModuleDynamically;
import io.github.jsvm.ScriptCacheOptions;
import io.github.jsvm.ScriptCacheStats;
import io.github.jsvm.ScriptOptions;
import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The compile cache of one {@link GraalJsVm}: identical input returns the same {@link GraalScript}.
 *
 * <p>Keyed by everything that makes two compilations equal: code, filename, offsets and the hook
 * object itself (its identity, for lambdas). Scripts without a custom hook are held strongly: they
 * retain nothing but their code. Scripts with one are held weakly, and their key references the hook
 * weakly: a hook may capture anything (a test file's runtime, a request), so the cache must never be
 * what keeps one alive; such a script is found again for as long as something else (the application,
 * or its code still alive in a context) keeps it, and compiling it anew is cheap (its parsed code is
 * shared, see {@link SharedCodeTable}). Entries are weighted by source characters and expire after
 * their last access, on a scheduler, so an idle cache empties too.
 */
final class ScriptCache {
    private record Key(String code, String filename, int lineOffset, int columnOffset, ImportModuleDynamically hook) {}

    private record HookedKey(String code, String filename, int lineOffset, int columnOffset, HookReference hook) {}

    /** A hook compared by identity, without keeping it alive. */
    private static final class HookReference extends WeakReference<ImportModuleDynamically> {
        private final int hash;

        HookReference(ImportModuleDynamically hook) {
            super(hook);
            this.hash = System.identityHashCode(hook);
        }

        @Override
        public boolean equals(Object other) {
            if (this == other) {
                return true;
            }
            ImportModuleDynamically hook = get();
            return other instanceof HookReference that && hook != null && hook == that.get();
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /* Key -> GraalScript; HookedKey -> WeakReference<GraalScript>. One cache, so one bound for both. */
    private final @Nullable Cache<Object, Object> cache;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    ScriptCache(ScriptCacheOptions options) {
        this.cache = options.enabled()
                ? bounded(options, (Object key) -> key instanceof Key plain ? plain.code() : ((HookedKey) key).code())
                        .recordStats()
                        .build()
                : null;
    }

    /**
     * A cache builder bounded as {@code options} say: by the {@linkplain #weight(String) weight} of the
     * text each key names, and by time since last use. The compile cache and the tables of shared code
     * use one bound each, set by the same options.
     */
    static <K, V> Caffeine<K, V> bounded(ScriptCacheOptions options, Function<K, String> text) {
        return Caffeine.newBuilder()
                .maximumWeight(options.maximumCharacters())
                .weigher((K key, V value) -> weight(text.apply(key)))
                .expireAfterAccess(options.expireAfterAccess())
                .scheduler(Scheduler.systemScheduler())
                // Evict on the calling thread: bounds hold as soon as the call returns.
                .executor(Runnable::run);
    }

    /**
     * What an entry counts against the character bound: its source length plus a fixed
     * {@value ScriptCacheOptions#ENTRY_OVERHEAD_CHARACTERS}, because a cached script retains its parsed code and
     * bookkeeping besides its text: a tiny script counted by its length alone let the cache hold tens of
     * thousands of entries (found by the soak: 60 MB for 40-character scripts under a 1 Mi bound).
     */
    static int weight(String code) {
        return weight(code.length());
    }

    /** What an entry of {@code length} source characters counts against the bound. */
    static int weight(int length) {
        return (int) Math.min(Integer.MAX_VALUE, (long) length + ScriptCacheOptions.ENTRY_OVERHEAD_CHARACTERS);
    }

    /** The cached script for this input, or the one {@code compile} makes (cached unless it throws). */
    GraalScript get(String code, ScriptOptions options, Supplier<GraalScript> compile) {
        if (cache == null) {
            return compile.get();
        }
        ImportModuleDynamically hook = options.importModuleDynamically();
        boolean custom = ImportHooks.isCustom(hook);
        Object key = custom
                ? new HookedKey(code, options.filename(), options.lineOffset(), options.columnOffset(), new HookReference(hook))
                : new Key(code, options.filename(), options.lineOffset(), options.columnOffset(), hook);
        GraalScript[] created = new GraalScript[1];
        Object value = cache.get(key, ignored -> held(custom, created[0] = compile.get()));
        GraalScript script = created[0] != null ? created[0] : custom ? ((ScriptReference) value).get() : (GraalScript) value;
        if (script == null) {
            // A hook-bearing script nothing else kept: compile anew.
            script = compile.get();
            created[0] = script;
            cache.put(key, held(true, script));
        }
        (created[0] != null ? misses : hits).increment();
        return script;
    }

    private static Object held(boolean weakly, GraalScript script) {
        return weakly ? new ScriptReference(script) : script;
    }

    private static final class ScriptReference extends WeakReference<GraalScript> {
        ScriptReference(GraalScript script) {
            super(script);
        }
    }

    ScriptCacheStats stats() {
        if (cache == null) {
            return new ScriptCacheStats(0, 0, 0, 0, 0);
        }
        long characters = cache.policy().eviction().map(eviction -> eviction.weightedSize().orElse(0)).orElse(0L);
        return new ScriptCacheStats(hits.sum(), misses.sum(), cache.stats().evictionCount(), cache.estimatedSize(), characters);
    }

    void clear() {
        if (cache != null) {
            cache.invalidateAll();
        }
    }
}
