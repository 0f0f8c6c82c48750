package io.github.jsvm.engine;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A thread-safe map that holds its values weakly: it never keeps a value alive, and a value's entry
 * is dropped once the value has been collected. Stale entries are purged on writes and on
 * {@link #size()}, so the map stays as large as its live values plus those collected since the last
 * write. Lookups and writes are O(1) apart from that purge.
 */
final class WeakValueMap<K, V> {
    private final ConcurrentHashMap<K, Entry<K, V>> entries = new ConcurrentHashMap<>();
    private final ReferenceQueue<V> collected = new ReferenceQueue<>();

    /** Maps {@code key} to {@code value}, replacing any earlier value. */
    void put(K key, V value) {
        purge();
        entries.put(key, new Entry<>(key, value, collected));
    }

    /** The value of {@code key}, or {@code null} when there is none or it was collected. */
    @Nullable V get(K key) {
        Entry<K, V> entry = entries.get(key);
        return entry == null ? null : entry.get();
    }

    /** Entries whose value was not yet seen collected. */
    int size() {
        purge();
        return entries.size();
    }

    void clear() {
        entries.clear();
    }

    private void purge() {
        for (Reference<? extends V> dead; (dead = collected.poll()) != null; ) {
            @SuppressWarnings("unchecked") // the queue only ever holds this map's entries
            Entry<K, V> entry = (Entry<K, V>) dead;
            // Only if still mapped to this entry: the key may have been given a new value since.
            entries.remove(entry.key, entry);
        }
    }

    private static final class Entry<K, V> extends WeakReference<V> {
        private final K key;

        Entry(K key, V value, ReferenceQueue<V> queue) {
            super(value, queue);
            this.key = key;
        }
    }
}
