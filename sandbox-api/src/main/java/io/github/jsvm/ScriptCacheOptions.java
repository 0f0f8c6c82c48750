package io.github.jsvm;

import java.time.Duration;

/**
 * The compile cache of a {@link Vm}: compiling input identical to an earlier compilation (code,
 * filename, offsets and the same import hook object) returns the same {@link Script} while it is
 * cached. Immutable.
 *
 * <p>The cache is bounded by the source characters of the scripts it holds, each counting its length
 * plus {@value #ENTRY_OVERHEAD_CHARACTERS} (so at most {@code maximumCharacters / 1024} scripts), and
 * by the time since each was last requested; an evicted script lives on only as long as the
 * application references it. A script without an import hook is held strongly, with its parsed code
 * (measured: about 37 bytes of heap per character of a 10 KB script, so the default bound keeps up to
 * about 40 MB alive). A script with a hook is held only weakly and never keeps its hook alive: it is
 * found again while the application (or its code running in a context) still holds it. The same
 * bound applies, separately, to the parsed code the {@code Vm} shares between compilations of the
 * same code with different hooks.
 *
 * @param enabled whether compilations are cached at all
 * @param maximumCharacters the bound, in source characters (each entry counting
 *     {@value #ENTRY_OVERHEAD_CHARACTERS} more than its length)
 * @param expireAfterAccess how long a script stays cached after it was last requested
 */
public record ScriptCacheOptions(boolean enabled, long maximumCharacters, Duration expireAfterAccess) {

    /** What each cached script counts against {@code maximumCharacters} beyond its own length. */
    public static final int ENTRY_OVERHEAD_CHARACTERS = 1024;

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
