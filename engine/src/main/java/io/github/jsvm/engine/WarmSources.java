package io.github.jsvm.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Scheduler;
import io.github.jsvm.ScriptCacheOptions;
import org.graalvm.polyglot.Source;

/**
 * The sources of hook-bearing private code ({@link CompiledCode.Private}) that stay parsed while
 * nothing runs them: the most recently used ones, softly, up to the script cache's bound in source
 * characters (each entry weighing as in {@link ScriptCache#weight}), each for at most its
 * expire-after-access time. Beyond that, a private source is held weakly and parsed again when
 * its code runs next.
 *
 * <p>Why a bound: a private source's parsed code reaches back to the source through the hook
 * anchored in its text, so all of it lives exactly as long as the source does; and reclaiming it
 * takes two collections with a purge of Truffle's tables between them, more than the one
 * collection the JVM makes before it throws {@code OutOfMemoryError}. Held softly without a bound
 * (as in 0.1), the code of every hook-bearing script ever compiled stayed until the heap was full,
 * where it could no longer be reclaimed in time (found by the soak: 14,000 dropped scripts' code,
 * 200 MB, then an {@code OutOfMemoryError} in a 512 MB JVM when memory bombs added their share).
 */
final class WarmSources {
    private final Cache<CompiledCode.Private, Source> sources;

    WarmSources(ScriptCacheOptions options) {
        this.sources = Caffeine.newBuilder()
                .weakKeys()
                .softValues()
                .maximumWeight(options.maximumCharacters())
                .weigher((CompiledCode.Private code, Source source) -> ScriptCache.weight(source.getCharacters().length()))
                .expireAfterAccess(options.expireAfterAccess())
                .scheduler(Scheduler.systemScheduler())
                // Evict on the running thread: the bound holds as soon as the run has its source.
                .executor(Runnable::run)
                .build();
    }

    /** Keeps {@code source} of {@code code} warm, as the most recently used; returns the source warm for it. */
    Source keep(CompiledCode.Private code, Source source) {
        return sources.get(code, ignored -> source);
    }

    /** Lets every source go cold; the Vm is closing. */
    void clear() {
        sources.invalidateAll();
    }
}
