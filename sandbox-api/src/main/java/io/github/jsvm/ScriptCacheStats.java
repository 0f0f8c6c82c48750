package io.github.jsvm;

/**
 * A snapshot of a {@link Vm}'s compile cache counters, since the {@code Vm} was created.
 *
 * @param hits compilations answered from the cache
 * @param misses compilations that parsed
 * @param evictions scripts dropped by the cache's bounds
 * @param size scripts cached now
 * @param characters what the cached scripts count against the bound now: their source characters plus
 *     {@link ScriptCacheOptions#ENTRY_OVERHEAD_CHARACTERS} each
 */
public record ScriptCacheStats(long hits, long misses, long evictions, long size, long characters) {

    /** Hits divided by requests, or 1 when there were none. */
    public double hitRate() {
        long requests = hits + misses;
        return requests == 0 ? 1 : (double) hits / requests;
    }
}
