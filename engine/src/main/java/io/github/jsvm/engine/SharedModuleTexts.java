package io.github.jsvm.engine;

import com.github.benmanes.caffeine.cache.Cache;
import io.github.jsvm.ScriptCacheOptions;
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
 * and its scan, never parsed code, a module, a context or a hook.
 */
final class SharedModuleTexts {
    /**
     * What modules of one text share: the path part of the shared key, the shared token and the scan.
     * The parsed code itself is shared through the engine's source cache, as equal texts loaded from
     * equal keys are equal sources. That cache holds parsed code only while the source GraalJS built
     * when it first loaded the text is reachable (from an open context's module, or from the importing
     * code GraalJS keeps it for); the library has no handle on that source, so it cannot keep the
     * parsed code alive longer.
     */
    record SharedText(String keyName, String token, ModuleRequestScanner.ModuleScan scan) {}

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
