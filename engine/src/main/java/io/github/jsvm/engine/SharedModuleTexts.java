package io.github.jsvm.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.oracle.truffle.api.source.Source;
import io.github.jsvm.ScriptCacheOptions;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The source text modules of a {@link GraalJsVm} by their text, so that modules with the same text in
 * different contexts load the same engine text from the same key and the engine parses it once (the
 * test-runner pattern: each test file's context builds the same modules again).
 *
 * <p>A module's engine text names its key and token (see {@link ModuleBridge}), so it differs per
 * module unless those are shared. A context's first module of a text takes the text's shared key and
 * token; another module of the same text in that context gets a key and token of its own, because one
 * context's modules must be told apart by key (the engine's module map, frames, static imports). A
 * shared token is no weaker than a private one: tokens are only checked against the modules of the
 * calling context, and a context holds at most one module with each shared token.
 *
 * <p>Also keeps each text's {@linkplain ModuleRequestScanner#scan scan}, which depends on the text
 * alone. Bounded like the compile cache and only present when it is enabled; an entry holds the text
 * and at most one engine source with its parsed code, never a module, a context or a hook.
 */
final class SharedModuleTexts {
    /**
     * What modules of one text share: the path part of the shared key, the shared token and the scan.
     * The parsed code itself is shared through the engine's source cache, as equal texts loaded from
     * equal keys are equal sources. The cache holds a source's parsed code only while that source is
     * reachable, and a closed context no longer holds its modules' sources; so once a second context
     * uses the text, the entry keeps the engine's source (strings and the text, nothing of any
     * context) for as long as the entry lives. Texts used in one context only keep nothing.
     */
    static final class SharedText {
        private final String keyName;
        private final String token;
        private final ModuleRequestScanner.ModuleScan scan;
        private final AtomicBoolean used = new AtomicBoolean();
        private volatile @Nullable Source engineSource;

        SharedText(String keyName, String token, ModuleRequestScanner.ModuleScan scan) {
            this.keyName = keyName;
            this.token = token;
            this.scan = scan;
        }

        String keyName() {
            return keyName;
        }

        String token() {
            return token;
        }

        ModuleRequestScanner.ModuleScan scan() {
            return scan;
        }

        /** Notes that a module takes the shared key; whether one (in some context) took it before. */
        boolean reused() {
            return used.getAndSet(true);
        }

        /** Whether the entry keeps the engine's source of the text already. */
        boolean holdsEngineSource() {
            return engineSource != null;
        }

        /**
         * Keeps {@code source} (what the engine parsed for the module at {@code key}, found on the
         * module's own frame) unless it keeps one already.
         */
        void holdEngineSource(Source source) {
            if (engineSource == null) {
                engineSource = source;
            }
        }
    }

    private final @Nullable Cache<String, SharedText> entries;
    private final AtomicLong ids = new AtomicLong();

    SharedModuleTexts(ScriptCacheOptions options) {
        this.entries = options.enabled() ? ScriptCache.<String, SharedText>bounded(options, text -> text).build() : null;
    }

    /**
     * What modules of {@code text} share if a module of it was created before, else {@code null}.
     * Entries are made only for texts that passed the syntax check, so a text found here needs none.
     */
    @Nullable SharedText known(String text) {
        return entries == null ? null : entries.getIfPresent(text);
    }

    /** What modules of {@code text} share, or {@code null} when sharing is off; call once {@code text} is checked. */
    @Nullable SharedText get(String text) {
        return entries == null ? null
                : entries.get(text, ignored -> new SharedText("s" + ids.incrementAndGet(), ModuleBridge.newToken(),
                        ModuleRequestScanner.scan(text)));
    }
}
