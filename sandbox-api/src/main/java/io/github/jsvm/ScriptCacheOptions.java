package io.github.jsvm;

import java.time.Duration;

/**
 * The compile cache of a {@link Vm}: compiling input identical to an earlier compilation (code,
 * filename, offsets and the same import hook object) returns the same {@link Script} while it is
 * cached. Immutable.
 *
 * <p>The cache is bounded by the total number of source characters of the scripts it holds and by
 * the time since each was last requested; an evicted script lives on only as long as the
 * application references it. A script the cache holds keeps its parsed code and, when it has a hook,
 * that hook.
 *
 * @param enabled whether compilations are cached at all
 * @param maximumCharacters the most source characters the cache holds; the parsed code of a script
 *     takes roughly ten to twenty times the memory of its text
 * @param expireAfterAccess how long a script stays cached after it was last requested
 */
public record ScriptCacheOptions(boolean enabled, long maximumCharacters, Duration expireAfterAccess) {

    private static final ScriptCacheOptions DEFAULTS = new ScriptCacheOptions(true, 1L << 20, Duration.ofMinutes(10));
    private static final ScriptCacheOptions DISABLED = new ScriptCacheOptions(false, 0, Duration.ofMinutes(10));

    /** Validates the components. */
    public ScriptCacheOptions {
        if (enabled && maximumCharacters <= 0) {
            throw new InvalidArgumentException("maximumCharacters must be positive, was " + maximumCharacters);
        }
        Checks.positive(expireAfterAccess, "expireAfterAccess");
    }

    /** On, holding at most 1 Mi source characters, each script for 10 minutes after its last use. */
    public static ScriptCacheOptions defaults() {
        return DEFAULTS;
    }

    /** No cache: every compilation parses (the engine may still share parsed code of equal sources). */
    public static ScriptCacheOptions disabled() {
        return DISABLED;
    }
}
