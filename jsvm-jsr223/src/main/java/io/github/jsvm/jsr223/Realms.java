package io.github.jsvm.jsr223;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.script.Bindings;
import org.jspecify.annotations.Nullable;

/**
 * One {@link Realm} per engine-scope {@link Bindings} object, by identity (two equal maps are still two
 * scopes). A realm lives while its bindings are reachable: realms of collected bindings are closed at
 * the next lookup. Owns and closes its realms. Thread-safe.
 */
final class Realms implements AutoCloseable {
    private final Supplier<Realm> factory;
    private final ReferenceQueue<Bindings> collected = new ReferenceQueue<>();
    private final Map<Key, Realm> realms = new HashMap<>();
    private boolean closed;

    Realms(Supplier<Realm> factory) {
        this.factory = factory;
    }

    /** The realm of {@code engineScope}, created on first use. */
    synchronized Realm of(Bindings engineScope) {
        if (closed) {
            throw new IllegalStateException("this jsvm script engine is closed");
        }
        for (Object key; (key = collected.poll()) != null; ) {
            Realm orphan = realms.remove(key);
            if (orphan != null) {
                orphan.close();
            }
        }
        Key probe = new Key(engineScope, null);
        Realm realm = realms.get(probe);
        if (realm == null) {
            realm = factory.get();
            realms.put(new Key(engineScope, collected), realm);
        }
        return realm;
    }

    /** Closes every realm; later lookups fail. Idempotent. */
    @Override
    public void close() {
        List<Realm> open;
        synchronized (this) {
            closed = true;
            open = new ArrayList<>(realms.values());
            realms.clear();
        }
        open.forEach(Realm::close);
    }

    /* A weak reference compared by the identity of its referent; a cleared one equals only itself. */
    private static final class Key extends WeakReference<Bindings> {
        private final int hash;

        Key(Bindings referent, @Nullable ReferenceQueue<Bindings> queue) {
            super(referent, queue);
            this.hash = System.identityHashCode(referent);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (this == other) {
                return true;
            }
            if (!(other instanceof Key key)) {
                return false;
            }
            Bindings mine = get();
            return mine != null && mine == key.get();
        }
    }
}
