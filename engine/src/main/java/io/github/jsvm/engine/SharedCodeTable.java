package io.github.jsvm.engine;

import com.github.benmanes.caffeine.cache.Cache;
import io.github.jsvm.ScriptCacheOptions;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.graalvm.polyglot.Source;
import org.jspecify.annotations.Nullable;

/**
 * Remembers which code this {@link GraalJsVm} compiled with a custom import hook, so that the same
 * code compiled again with another hook reuses one parsed form instead of parsing again (the
 * test-runner pattern: each test file compiles the same modules with a new hook).
 *
 * <p>Code identity is the text and its {@link SourceOrigin} (filename, offsets, wrapper line); the
 * hook is not part of it. The first compilation of some code keeps its private, hook-anchored source
 * (see {@link CompiledCode.Private}) and only marks the code as seen; the second parses it once
 * more under a <em>neutral</em> source, whose text references no hook, and every later compilation
 * reuses that source. Unique code therefore never pays for sharing, and shared code never keeps any
 * script's hook alive: which script an {@code import()} in shared code belongs to is recorded per
 * context ({@link SharedCodeUsers}).
 *
 * <p>Bounded like the compile cache (source characters, time since last use) and only present when
 * the compile cache is enabled. An entry holds the text and, once shared, the neutral source, which
 * keeps its parsed code in the engine's cache.
 */
final class SharedCodeTable {
    private record Key(String text, SourceOrigin origin) {}

    private final @Nullable Cache<Key, SharedCode> entries;
    private final AtomicLong ids = new AtomicLong();

    SharedCodeTable(ScriptCacheOptions options) {
        this.entries = options.enabled()
                ? ScriptCache.<Key, SharedCode>bounded(options, Key::text).build()
                : null;
    }

    /**
     * The shared form of {@code text} if it was compiled before with a hook, or {@code null} the first
     * time (or when sharing is off); the first call marks it as seen.
     */
    @Nullable SharedCode seenBefore(String text, SourceOrigin origin) {
        if (entries == null) {
            return null;
        }
        Key key = new Key(text, origin.withHookRef(null));
        SharedCode[] created = new SharedCode[1];
        SharedCode code = entries.get(key, ignored -> created[0] = new SharedCode(SourceOrigin.SHARED_PREFIX + ids.incrementAndGet()));
        return code == created[0] ? null : code;
    }

    /** Entries, seen or shared; for tests. */
    long size() {
        return entries == null ? 0 : entries.estimatedSize();
    }

    void clear() {
        if (entries != null) {
            entries.invalidateAll();
        }
    }

    /**
     * One piece of code compiled with a hook at least once. Its key names it in the source URI of the
     * shared form, where the import resolver finds it.
     */
    static final class SharedCode {
        private final String key;
        private volatile @Nullable Source source;

        SharedCode(String key) {
            this.key = key;
        }

        String key() {
            return key;
        }

        /** The neutral source, parsed by {@code parse} (given this code's key) on first use. */
        Source source(Function<String, Source> parse) {
            Source current = source;
            if (current == null) {
                synchronized (this) {
                    current = source;
                    if (current == null) {
                        current = parse.apply(key);
                        source = current;
                    }
                }
            }
            return current;
        }
    }
}
