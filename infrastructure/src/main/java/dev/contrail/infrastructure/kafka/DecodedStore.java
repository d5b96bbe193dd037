package dev.contrail.infrastructure.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A task's changelogged key-value store with the values it holds kept decoded in memory as well (issue 14's
 * profile: reading an aircraft's state back from Kafka Streams' in-memory store deserializes it from Avro on every
 * record — two fifths of the intake thread's time went to its stores). Reads are served from the map once a key
 * has been read or written; writes go to both, so the store and its changelog stay the source of truth that a
 * restart restores from.
 *
 * <p>Valid only while this processor is the store's one writer, which Kafka Streams guarantees per task: create one
 * in the processor's {@code init} (Kafka Streams calls it after restoring the store) and let it go with the
 * processor. Values are shared between the map and the caller: treat them as immutable.
 */
public final class DecodedStore<V> {

    private final KeyValueStore<String, V> store;
    /** Decoded values by key; a key mapped to null is known to be absent from the store. */
    private final Map<String, V> decoded = new HashMap<>();

    public DecodedStore(KeyValueStore<String, V> store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    public V get(String key) {
        V value = decoded.get(key);
        if (value == null && !decoded.containsKey(key)) {
            value = store.get(key);
            decoded.put(key, value);
        }
        return value;
    }

    public void put(String key, V value) {
        if (value == null) {
            delete(key);
            return;
        }
        store.put(key, value);
        decoded.put(key, value);
    }

    public void delete(String key) {
        store.delete(key);
        // Forgotten rather than remembered as absent: the map holds no more keys than the store does.
        decoded.remove(key);
    }

    /** Every entry, from the store itself (a scan, rare: the punctuations). Close it. */
    public KeyValueIterator<String, V> all() {
        return store.all();
    }
}
