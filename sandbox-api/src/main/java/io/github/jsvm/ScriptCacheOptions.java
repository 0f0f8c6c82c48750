package io.github.jsvm;

import java.time.Duration;

/**
 * The compile cache of a {@link Vm}: compiling input identical to an earlier compilation (code,
 * filename, offsets and the same import hook object) returns the same {@link Script} while it is
 * cached.
 *
 * <p>The cache is bounded by the source characters of the scripts it holds, each counting its length
 * plus {@value #ENTRY_OVERHEAD_CHARACTERS} (so at most {@code maximumCharacters / 1024} scripts), and
 * by the time since each was last requested; an evicted script lives on only as long as the
 * application references it. A script without an import hook is held strongly, with its parsed code
 * (measured: about 37 bytes of heap per character of a 10 KB script, so the default bound keeps up to
 * about 40 MB alive). A script with a hook is held only weakly and never keeps its hook alive: it is
 * found again while the application (or its code running in a context) still holds it. The same
 * bound applies, separately, to the parsed code the {@code Vm} shares between compilations of the
 * same code with different hooks, and to the parsed code of hook-bearing scripts while nothing runs
 * them (the most recently run are kept, softly, even when the cache is disabled; the others are
 * parsed again when they run next). Immutable; made with {@link #builder()}, {@link #disabled()} or
 * {@link #toBuilder()}, so that options added later need no change to callers.
 *
 * @param enabled whether compilations are cached at all
 * @param maximumCharacters the bound, in source characters (each entry counting
 *     {@value #ENTRY_OVERHEAD_CHARACTERS} more than its length); positive when the cache is enabled
 * @param expireAfterAccess how long a script stays cached after it was last requested
 */
public record ScriptCacheOptions(boolean enabled, long maximumCharacters, Duration expireAfterAccess) {

    /** What each cached script counts against {@code maximumCharacters} beyond its own length. */
    public static final int ENTRY_OVERHEAD_CHARACTERS = 1024;

    private static final ScriptCacheOptions DEFAULTS = new ScriptCacheOptions(true, 1L << 20, Duration.ofMinutes(10));
    private static final ScriptCacheOptions DISABLED = builder().enabled(false).build();

    /**
     * Validates the components; a disabled cache may have a bound of 0, since it has no use for one.
     *
     * @throws NullPointerException when {@code expireAfterAccess} is {@code null}
     * @throws InvalidArgumentException when {@code expireAfterAccess} is not positive or longer than about 292 years, or
     *     {@code maximumCharacters} of an enabled cache is not positive
     */
    public ScriptCacheOptions {
        if (enabled) {
            Checks.positive(maximumCharacters, "maximumCharacters");
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

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return DEFAULTS.toBuilder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Builds {@link ScriptCacheOptions}; setters reject {@code null} and out-of-range values at once, naming the option
     * (an option that may be absent is absent while it is not set). Not thread-safe.
     */
    public static final class Builder {
        private boolean enabled;
        private long maximumCharacters;
        private Duration expireAfterAccess;

        private Builder(ScriptCacheOptions start) {
            this.enabled = start.enabled;
            this.maximumCharacters = start.maximumCharacters;
            this.expireAfterAccess = start.expireAfterAccess;
        }

        /** Turns the cache on or off; on by default. */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /**
         * Sets the bound in source characters (see {@link ScriptCacheOptions}); must be positive.
         *
         * @throws InvalidArgumentException when {@code maximumCharacters} is not positive
         */
        public Builder maximumCharacters(long maximumCharacters) {
            this.maximumCharacters = Checks.positive(maximumCharacters, "maximumCharacters");
            return this;
        }

        /**
         * Sets how long a script stays cached after it was last requested; must be positive.
         *
         * @throws NullPointerException when {@code expireAfterAccess} is {@code null}
         * @throws InvalidArgumentException when {@code expireAfterAccess} is not positive or longer than about 292 years
         */
        public Builder expireAfterAccess(Duration expireAfterAccess) {
            this.expireAfterAccess = Checks.positive(expireAfterAccess, "expireAfterAccess");
            return this;
        }

        /** Creates the options. */
        public ScriptCacheOptions build() {
            return new ScriptCacheOptions(enabled, maximumCharacters, expireAfterAccess);
        }
    }
}
