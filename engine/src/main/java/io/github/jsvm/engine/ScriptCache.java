package io.github.jsvm.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.github.jsvm.ImportModuleDynamically;
import io.github.jsvm.ScriptCacheOptions;
import io.github.jsvm.ScriptCacheStats;
import io.github.jsvm.ScriptOptions;
import java.util.function.Supplier;

/**
 * The compile cache of one {@link GraalVm}: identical input returns the same {@link GraalScript}.
 *
 * <p>Keyed by everything that makes two compilations equal: code, filename, offsets and the hook
 * object itself (its identity, for lambdas). Weighted by source characters; entries expire after
 * their last access, on a scheduler, so an idle cache empties too. The only strong references it
 * adds are its entries, within those bounds.
 */
final class ScriptCache {
    private record Key(String code, String filename, int lineOffset, int columnOffset, ImportModuleDynamically hook) {}

    private final Cache<Key, GraalScript> cache;

    ScriptCache(ScriptCacheOptions options) {
        this.cache = options.enabled()
                ? Caffeine.newBuilder()
                        .maximumWeight(options.maximumCharacters())
                        .weigher((Key key, GraalScript script) -> key.code().length())
                        .expireAfterAccess(options.expireAfterAccess())
                        .scheduler(Scheduler.systemScheduler())
                        // Evict on the compiling thread: bounds hold as soon as compile returns.
                        .executor(Runnable::run)
                        .recordStats()
                        .build()
                : null;
    }

    /** The cached script for this input, or the one {@code compile} makes (cached unless it throws). */
    GraalScript get(String code, ScriptOptions options, Supplier<GraalScript> compile) {
        if (cache == null) {
            return compile.get();
        }
        Key key = new Key(code, options.filename(), options.lineOffset(), options.columnOffset(), options.importModuleDynamically());
        return cache.get(key, ignored -> compile.get());
    }

    ScriptCacheStats stats() {
        if (cache == null) {
            return new ScriptCacheStats(0, 0, 0, 0, 0);
        }
        CacheStats stats = cache.stats();
        long characters = cache.policy().eviction().map(eviction -> eviction.weightedSize().orElse(0)).orElse(0L);
        return new ScriptCacheStats(stats.hitCount(), stats.missCount(), stats.evictionCount(), cache.estimatedSize(), characters);
    }

    void clear() {
        if (cache != null) {
            cache.invalidateAll();
        }
    }
}
